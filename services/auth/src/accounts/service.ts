/**
 * Signup, signin and `me`. Sign-in failures say the same thing for an unknown name and a wrong
 * password, and both cost one argon2id verification.
 */
import { conflict, notFound, unauthenticated } from "@questline/kit/errors";
import type { Principal, Role, Session, SessionStart } from "@questline/kit/principal";
import type { Db, ServiceStorage } from "@questline/kit/storage/types";
import { isUniqueViolation } from "@questline/kit/storage/unique-violation";
import type { PasswordHasher } from "../passwords/password-hasher";
import type { AuthTables } from "../schema";
import type { SessionIssuer, TokenPair } from "../sessions/session-issuer";
import type { LoginThrottle } from "../throttle/login-throttle";
import type { SignupLimit } from "../throttle/signup-limit";
import type { Balances } from "../wallet/grant";
import type { Wallet } from "../wallet/service";
import { type Account, accountRepository } from "./repository";

/** The actions that open a session, reported to processing. */
export type SignInAction = SessionStart;

/** What processing is told about a signup or signin; the session id makes the report idempotent. */
export interface SignedInEvent {
  action: SignInAction;
  principal: Principal & { session: Session };
  occurredAt: number;
}

/**
 * The seam for reporting sign-ins (docs/reference/auth.md). `record` runs inside the transaction
 * that creates the session (an outbox row commits with it or not at all); `deliver` runs after the
 * commit, before the response, and must not throw.
 */
export interface SignInReporter {
  record?(event: SignedInEvent, tx: Db): Promise<void>;
  deliver?(event: SignedInEvent): Promise<void>;
}

export interface Credentials {
  userName: string;
  password: string;
}

export interface Profile {
  userId: string;
  userName: string;
  roles: Role[];
  balances: Balances;
}

export interface AccountService {
  /** `address` is the client's address as far as it can be trusted (for the per-address limit). */
  signup(tenantId: string, credentials: Credentials, address: string): Promise<TokenPair>;
  /** `address` is the client's address as far as it can be trusted (for per-address limits). */
  signin(tenantId: string, credentials: Credentials, address: string): Promise<TokenPair>;
  me(principal: Principal): Promise<Profile>;
}

export interface AccountServiceOptions {
  storage: ServiceStorage<AuthTables>;
  passwords: PasswordHasher;
  sessions: SessionIssuer;
  throttle: LoginThrottle;
  signups: SignupLimit;
  wallet: Wallet;
  reporter?: SignInReporter;
  now?: () => number;
}

const WRONG_CREDENTIALS = "The user name or the password is wrong";

export function createAccountService(options: AccountServiceOptions): AccountService {
  const now = options.now ?? Date.now;
  const reporter = options.reporter ?? {};

  /** Stores the session (and the new account on signup) in one transaction, then reports it. */
  async function openSession(
    tenantId: string,
    account: Account,
    action: SignInAction,
  ): Promise<TokenPair> {
    const store = await options.storage.tenant(tenantId);
    const session = await options.sessions.mint(tenantId, account, { start: action });
    const event: SignedInEvent = {
      action,
      occurredAt: now(),
      principal: {
        userId: account.id,
        tenantId,
        roles: account.roles,
        jti: session.access.jti,
        expiresAt: session.access.expiresAt,
        session: { id: session.refreshRow.familyId, start: action },
      },
    };
    try {
      await store.transaction(async (tx) => {
        if (action === "signup") await accountRepository(store).insert(tx, account);
        await options.sessions.store(tx, store, session);
        await reporter.record?.(event, tx);
      });
    } catch (error) {
      if (action === "signup" && isUniqueViolation(error)) {
        throw conflict("user_name_taken", `The user name "${account.userName}" is taken`);
      }
      throw error;
    }
    await reporter.deliver?.(event);
    return session.pair;
  }

  return {
    async signup(tenantId, { userName, password }, address) {
      // Resolving the tenant first: an unknown tenant must not cost a password hash.
      await options.storage.tenant(tenantId);
      await options.signups.admit(address);
      const account: Account = {
        id: crypto.randomUUID(),
        userName,
        passwordHash: await options.passwords.hash(password),
        roles: ["player"],
        createdAt: now(),
      };
      return openSession(tenantId, account, "signup");
    },

    async signin(tenantId, { userName, password }, address) {
      const store = await options.storage.tenant(tenantId);
      const attempt = await options.throttle.begin({ tenantId, userName, address });
      const account = await accountRepository(store).findByName(store.db, userName);
      const valid = await options.passwords.verify(password, account?.passwordHash);
      if (account === undefined || !valid) {
        await attempt.failed();
        throw unauthenticated(WRONG_CREDENTIALS, "invalid_credentials");
      }
      await attempt.succeeded();
      return openSession(tenantId, account, "signin");
    },

    async me(principal) {
      const store = await options.storage.tenant(principal.tenantId);
      const account = await accountRepository(store).findById(store.db, principal.userId);
      if (account === undefined) throw notFound("unknown_user", "This user no longer exists");
      const balances = await options.wallet.balances(principal.tenantId, account.id);
      return { userId: account.id, userName: account.userName, roles: account.roles, balances };
    },
  };
}
