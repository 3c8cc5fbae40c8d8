/** `POST /api/v1/auth/admin/tenants`: admins of tenant `default` create tenants in every service. */
import { forbidden } from "@questline/kit/errors";
import { authGuard } from "@questline/kit/http/auth";
import { jsonBody } from "@questline/kit/http/body-parser";
import { problems } from "@questline/kit/http/problem-schema";
import { strictObject } from "@questline/kit/http/strict-object";
import type { ServiceStorage } from "@questline/kit/storage/types";
import { DEFAULT_TENANT, TENANT_ID_PATTERN } from "@questline/kit/tenant";
import type { TokenVerifier } from "@questline/kit/tokens";
import { Elysia, t } from "elysia";
import type { ProvisionPeers } from "./peer-provisioning";

const tenantBody = strictObject({
  tenant_id: t.String({ pattern: TENANT_ID_PATTERN.source, examples: ["my-game"] }),
});

const tenantResponse = t.Object({
  tenant_id: t.String(),
  created: t.Boolean({ description: "false when the tenant already existed" }),
});

export const tenantsController = (deps: {
  storage: ServiceStorage<unknown>;
  verifier: TokenVerifier;
  /** Creates the tenant in catalog and processing too; absent when auth runs alone. */
  provisionPeers?: ProvisionPeers;
}) =>
  new Elysia({ prefix: "/api/v1/auth/admin", tags: ["tenants"] })
    .use(authGuard(deps.verifier))
    .post(
      "/tenants",
      async ({ body, principal, status }) => {
        if (principal.tenantId !== DEFAULT_TENANT) {
          throw forbidden(
            `Only admins of tenant "${DEFAULT_TENANT}" create tenants`,
            "wrong_tenant",
          );
        }
        const created = await deps.storage.createTenant(body.tenant_id);
        await deps.provisionPeers?.(body.tenant_id);
        return status(created ? 201 : 200, { tenant_id: body.tenant_id, created });
      },
      {
        auth: "admin",
        body: tenantBody,
        parse: jsonBody,
        response: { 200: tenantResponse, 201: tenantResponse, ...problems(401, 403, 422, 503) },
        detail: {
          summary: "Create a tenant (admins of `default`)",
          description:
            "Creates the tenant in auth, catalog and processing. Idempotent: if a service did not answer (503), repeat the request.",
        },
      },
    );
