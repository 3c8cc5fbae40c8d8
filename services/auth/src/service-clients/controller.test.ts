import { afterAll, beforeAll, expect, test } from "bun:test";
import { decodeJwt } from "jose";
import { type AuthHarness, startAuth, TEST_CLIENT_SECRET } from "../testing/harness";
import { createServiceClientRegistry, parseServiceClients } from "./service";

let auth: AuthHarness;
beforeAll(async () => {
  auth = await startAuth("sqlite", { SERVICE_TOKEN_TTL_SECONDS: "120" });
});
afterAll(() => auth.close());

const exchange = (client_id: string, client_secret: string, extra: Record<string, unknown> = {}) =>
  auth.call<{ access_token: string; token_type: string; expires_in: number; code?: string }>(
    "POST",
    "/api/v1/auth/token",
    { body: { grant_type: "client_credentials", client_id, client_secret, ...extra } },
  );

test("a configured client gets a short-lived token with the service role only", async () => {
  const result = await exchange("processing", TEST_CLIENT_SECRET);
  expect(result.status).toBe(200);
  expect(result.body.token_type).toBe("Bearer");
  expect(result.body.expires_in).toBe(120);
  const principal = await auth.service.verifier.verify(result.body.access_token);
  expect(principal.roles).toEqual(["service"]);
  expect(principal.userId).toBe("service:processing");
  const claims = decodeJwt(result.body.access_token);
  expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(120);
});

test("a wrong secret and an unknown client get the same 401", async () => {
  const wrong = await exchange("processing", "not-the-secret");
  const unknown = await exchange("intruder", TEST_CLIENT_SECRET);
  expect(wrong.status).toBe(401);
  expect(unknown.status).toBe(401);
  expect(wrong.body).toMatchObject({ code: "invalid_client" });
  expect(unknown.body).toMatchObject({ code: "invalid_client" });
});

test("another grant type or an extra field is 422; players never get service", async () => {
  const password = await auth.call("POST", "/api/v1/auth/token", {
    body: { grant_type: "password", client_id: "processing", client_secret: TEST_CLIENT_SECRET },
  });
  expect(password.status).toBe(422);
  expect((await exchange("processing", TEST_CLIENT_SECRET, { scope: "admin" })).status).toBe(422);
  const player = await auth.signup("sneaky");
  expect((await auth.service.verifier.verify(player.token)).roles).toEqual(["player"]);
});

test("SERVICE_CLIENTS entries are checked", () => {
  expect(() => parseServiceClients(["processing"])).toThrow("secret");
  expect(() => parseServiceClients(["processing:short"])).toThrow("at least 16");
  expect(() => parseServiceClients(["Bad_Id:0123456789abcdef"])).toThrow("client id");
  expect(() =>
    parseServiceClients(["gateway:0123456789abcdef", "gateway:fedcba9876543210"]),
  ).toThrow("twice");
  const registry = createServiceClientRegistry(
    parseServiceClients(["gateway:0123456789abcdef:with-colons"]),
  );
  expect(registry.authenticate("gateway", "0123456789abcdef:with-colons")).toBe("gateway");
  expect(registry.authenticate("gateway", "0123456789abcdef")).toBeUndefined();
});
