import { afterAll, beforeAll, expect, test } from "bun:test";
import { appErrorOf } from "@questline/kit/testing/app-error";
import { accountRepository } from "../accounts/repository";
import { type AuthHarness, startAuth } from "../testing/harness";
import { createAccessTokenIssuer } from "../tokens/access-token-issuer";
import { createSessionService } from "./service";
import { createSessionIssuer } from "./session-issuer";

let auth: AuthHarness;
beforeAll(async () => {
  auth = await startAuth("sqlite");
});
afterAll(() => auth.close());

test("an expired refresh token is refused, however unused", async () => {
  const { user_id } = await auth.signup("sleeper");
  const store = await auth.service.storage.tenant("default");
  const account = await accountRepository(store).findById(store.db, user_id);
  if (account === undefined) throw new Error("the account was not stored");
  const tokens = createAccessTokenIssuer({
    keys: auth.service.keys,
    issuer: "questline-auth",
    audience: "questline",
  });
  const sessions = createSessionIssuer({ tokens, refreshTtlMs: 60_000 });
  const session = await sessions.mint("default", account, { start: "signin" });
  await store.transaction((tx) => sessions.store(tx, store, session));

  const later = (ms: number) =>
    createSessionService({ storage: auth.service.storage, sessions, now: () => Date.now() + ms });
  const refused = await appErrorOf(later(61_000).refresh("default", session.pair.refreshToken));
  expect(refused.code).toBe("invalid_refresh_token");
  // Within its lifetime the same token still works: the refusal was about time alone.
  const fresh = await later(30_000).refresh("default", session.pair.refreshToken);
  expect(fresh.userId).toBe(user_id);
});
