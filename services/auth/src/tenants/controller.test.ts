import { afterAll, beforeAll, expect, test } from "bun:test";
import { createOrPromoteAdmin } from "../accounts/admin-accounts";
import { type AuthHarness, startAuth, TEST_PASSWORD } from "../testing/harness";

let auth: AuthHarness;
let adminToken: string;

beforeAll(async () => {
  auth = await startAuth("sqlite");
  await createOrPromoteAdmin(auth.service.storage, auth.service.passwords, {
    tenantId: "default",
    userName: "operator",
    password: TEST_PASSWORD,
  });
  const signin = await auth.call<{ token: string }>("POST", "/api/v1/auth/signin", {
    body: { user_name: "operator", password: TEST_PASSWORD },
  });
  adminToken = signin.body.token;
});
afterAll(() => auth.close());

const create = (tenant_id: string, token?: string) =>
  auth.call<{ tenant_id: string; created: boolean; code?: string }>(
    "POST",
    "/api/v1/auth/admin/tenants",
    { body: { tenant_id }, token },
  );

test("an admin of default creates a tenant, once; signup there then works", async () => {
  const first = await create("space-game", adminToken);
  expect(first.status).toBe(201);
  expect(first.body).toEqual({ tenant_id: "space-game", created: true });
  const again = await create("space-game", adminToken);
  expect(again.status).toBe(200);
  expect(again.body.created).toBe(false);
  const pair = await auth.signup("astronaut", TEST_PASSWORD, "space-game");
  expect(pair.user_name).toBe("astronaut");
});

test("players and admins of other tenants are refused; a bad id is 422", async () => {
  const player = await auth.signup("just-a-player");
  expect((await create("their-game", player.token)).status).toBe(403);
  await createOrPromoteAdmin(auth.service.storage, auth.service.passwords, {
    tenantId: "space-game",
    userName: "captain",
    password: TEST_PASSWORD,
  });
  const captain = await auth.call<{ token: string }>("POST", "/api/v1/auth/signin", {
    body: { user_name: "captain", password: TEST_PASSWORD },
    headers: { "x-tenant-id": "space-game" },
  });
  const refused = await create("their-game", captain.body.token);
  expect(refused.status).toBe(403);
  expect(refused.body.code).toBe("wrong_tenant");
  expect((await create("Not_A_Tenant", adminToken)).status).toBe(422);
  expect((await create("their-game")).status).toBe(401);
  expect(await auth.service.storage.hasTenant("their-game")).toBe(false);
});
