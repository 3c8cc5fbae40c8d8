import type { ServiceStorage } from "@questline/kit/storage/types";
import { isUniqueViolation } from "@questline/kit/storage/unique-violation";
import type { PasswordHasher } from "../passwords/password-hasher";
import type { AuthTables } from "../schema";
import { accountRepository } from "./repository";

export interface AdminResult {
  userId: string;
  /** `created`: a new account; `promoted`: an existing one became admin (its password reset). */
  outcome: "created" | "promoted";
}

/**
 * Makes `userName` an admin of the tenant: creates the account, or gives an existing one the
 * admin role and the new password. Runs again cleanly when two operators race.
 */
export async function createOrPromoteAdmin(
  storage: ServiceStorage<AuthTables>,
  passwords: PasswordHasher,
  input: { tenantId: string; userName: string; password: string },
  now: () => number = Date.now,
): Promise<AdminResult> {
  const store = await storage.tenant(input.tenantId);
  const accounts = accountRepository(store);
  const passwordHash = await passwords.hash(input.password);
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.transaction(async (tx): Promise<AdminResult> => {
        const existing = await accounts.findByName(tx, input.userName);
        if (existing !== undefined) {
          await accounts.update(tx, existing.id, { roles: ["player", "admin"], passwordHash });
          return { userId: existing.id, outcome: "promoted" };
        }
        const created = await accounts.insert(tx, {
          id: crypto.randomUUID(),
          userName: input.userName,
          passwordHash,
          roles: ["player", "admin"],
          createdAt: now(),
        });
        return { userId: created.id, outcome: "created" };
      });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}
