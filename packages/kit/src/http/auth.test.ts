import { beforeAll, describe, expect, test } from "bun:test";
import { Elysia } from "elysia";
import { createLogger } from "../logger";
import { createTestIssuer, type TestIssuer } from "../testing/token-issuer";
import { createTokenVerifier } from "../tokens";
import { createServiceApp } from "./app";
import { authGuard } from "./auth";

let issuer: TestIssuer;
let app: ReturnType<typeof build>;

function build(verifier: ReturnType<typeof createTokenVerifier>) {
  const admin = new Elysia({ prefix: "/admin" })
    .use(authGuard(verifier))
    .get("/stats", ({ principal, tenantId }) => ({ user: principal.userId, tenantId }), {
      auth: ["admin", "service"],
    });
  return createServiceApp({
    service: "test",
    version: "1",
    logger: createLogger({ service: "test", write: () => {} }),
    readiness: async () => ({}),
    verifier,
  })
    .use(admin)
    .get(
      "/me",
      ({ principal, tenantId }) => ({ user: principal.userId, roles: principal.roles, tenantId }),
      {
        auth: true,
      },
    );
}

beforeAll(async () => {
  issuer = await createTestIssuer();
  app = build(createTokenVerifier({ ...issuer, jwks: issuer.jwks }));
});

const call = (path: string, headers: Record<string, string> = {}) =>
  app.handle(new Request(`http://localhost${path}`, { headers }));
const bearer = async (roles: ("player" | "admin" | "service")[], tid = "acme") => ({
  authorization: `Bearer ${await issuer.sign({ sub: "u-7", tid, roles })}`,
});

describe("the auth macro", () => {
  test("gives the handler the principal and the token's tenant", async () => {
    const response = await call("/me", await bearer(["player"]));
    expect([response.status, await response.json()]).toEqual([
      200,
      { user: "u-7", roles: ["player"], tenantId: "acme" },
    ]);
  });

  const unauthenticated: [string, Record<string, string>][] = [
    ["no authorization header", {}],
    ["another scheme", { authorization: "Basic dTpw" }],
    ["a token that does not verify", { authorization: "Bearer abc.def.ghi" }],
  ];
  for (const [name, headers] of unauthenticated) {
    test(`answers ${name} with a 401 problem`, async () => {
      const response = await call("/me", headers);
      expect(response.status).toBe(401);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(((await response.json()) as { code: string }).code).toBe("invalid_token");
    });
  }

  test("a token seen before is served from the verifier's memory however its header is spelled", async () => {
    const { authorization } = await bearer(["player"]);
    const token = authorization.slice("Bearer ".length);
    const spellings = [authorization, `bearer ${token}`, `Bearer   ${token}  `, `BEARER ${token}`];
    for (const spelling of [...spellings, ...spellings]) {
      const response = await call("/me", { authorization: spelling });
      expect(response.status).toBe(200);
    }
  });

  test("a known token with something glued to it is checked again, and refused", async () => {
    const { authorization } = await bearer(["player"]);
    expect((await call("/me", { authorization })).status).toBe(200);
    for (const spelling of [
      `${authorization}x`,
      `${authorization} extra`,
      `Bearer\t${authorization.slice(7)}`,
    ]) {
      expect((await call("/me", { authorization: spelling })).status).toBe(401);
    }
  });

  test("answers a missing role with 403 forbidden, in a controller that uses authGuard", async () => {
    const response = await call("/admin/stats", await bearer(["player"]));
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe("forbidden");
    const allowed = await call("/admin/stats", await bearer(["admin"]));
    expect(await allowed.json()).toEqual({ user: "u-7", tenantId: "acme" });
  });

  test("answers a player naming another tenant with 403 wrong_tenant", async () => {
    const response = await call("/me", { ...(await bearer(["player"])), "x-tenant-id": "other" });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe("wrong_tenant");
  });

  test("lets a service token act for the tenant it names", async () => {
    const headers = { ...(await bearer(["service"], "default")), "x-tenant-id": "other" };
    expect(await (await call("/admin/stats", headers)).json()).toEqual({
      user: "u-7",
      tenantId: "other",
    });
  });
});
