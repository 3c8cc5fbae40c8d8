import { TenantService } from "@questline/proto/tenancy/v1/tenancy_pb";
import { requireRole } from "../principal";
import { principalOf } from "../rpc/auth";
import type { RpcRoutes } from "../rpc/routes";
import type { ServiceStorage } from "../storage/types";
import { assertTenantId } from "../tenant";

/** `TenantService` for a service's storage: `service` tokens provision tenants (idempotent). */
export const tenantRoutes =
  (storage: Pick<ServiceStorage<unknown>, "createTenant">): RpcRoutes =>
  (router) =>
    router.service(TenantService, {
      async createTenant(request, context) {
        requireRole(principalOf(context), "service");
        return { created: await storage.createTenant(assertTenantId(request.tenantId)) };
      },
    });
