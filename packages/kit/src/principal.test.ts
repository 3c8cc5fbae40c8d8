import { describe, expect, test } from "bun:test";
import { hasRole, type Principal, requireRole, resolveTenant } from "./principal";
import { appErrorOf } from "./testing/app-error";

const principal = (roles: Principal["roles"], tenantId = "acme"): Principal => ({
  userId: "u-1",
  tenantId,
  roles,
  jti: "j-1",
  expiresAt: 2_000_000_000,
});

describe("roles", () => {
  test("hasRole is true when any of the roles is held", () => {
    expect(hasRole(principal(["player"]), "admin", "player")).toBe(true);
    expect(hasRole(principal(["player"]), "admin")).toBe(false);
  });

  test("requireRole refuses a missing role with 403 forbidden", () => {
    const error = appErrorOf(() => requireRole(principal(["player"]), "admin"));
    expect([error.status, error.code]).toEqual([403, "forbidden"]);
    expect(requireRole(principal(["admin"]), "admin").userId).toBe("u-1");
  });
});

describe("resolveTenant", () => {
  test("is the token's tenant when no header names one", () => {
    expect(resolveTenant(principal(["player"]), new Headers())).toBe("acme");
    expect(resolveTenant(principal(["player"]), { "x-tenant-id": "acme" })).toBe("acme");
  });

  test("refuses another tenant to a player or an admin with 403 wrong_tenant", () => {
    for (const roles of [["player"], ["admin"]] as const) {
      const error = appErrorOf(() => resolveTenant(principal(roles), { "x-tenant-id": "other" }));
      expect([error.status, error.code]).toEqual([403, "wrong_tenant"]);
    }
  });

  test("lets a service token act for the tenant it names", () => {
    const headers = new Headers({ "x-tenant-id": "other" });
    expect(resolveTenant(principal(["service"], "default"), headers)).toBe("other");
  });

  test("validates the tenant a service token names", () => {
    const error = appErrorOf(() =>
      resolveTenant(principal(["service"]), { "x-tenant-id": "../etc/passwd" }),
    );
    expect([error.status, error.code]).toEqual([400, "invalid_tenant"]);
  });
});
