import type { HandlerContext, ServiceImpl } from "@connectrpc/connect";
import { invalid } from "@questline/kit/errors";
import { hasRole } from "@questline/kit/principal";
import { principalOf, serviceTenant } from "@questline/kit/rpc/auth";
import type { RpcRoutes } from "@questline/kit/rpc/routes";
import { type GetQuestRequest, QuestCatalogService } from "@questline/proto/catalog/v1/catalog_pb";
import { toQuestMessage } from "./proto-mapping";
import type { QuestReads } from "./read-service";
import type { QuestKey } from "./repository";

/** Who calls and in which tenant, and whether they see drafts and archived quests. */
export function caller(ctx: HandlerContext) {
  const principal = principalOf(ctx);
  return { tenantId: serviceTenant(ctx), seesAll: hasRole(principal, "admin", "service") };
}

function keyOf(request: GetQuestRequest): QuestKey {
  switch (request.key.case) {
    case "id":
      return { id: Number(request.key.value) };
    case "name":
      return { name: request.key.value };
    case undefined:
      throw invalid("key", "GetQuest needs an id or a name");
  }
}

type ReadMethods = Pick<ServiceImpl<typeof QuestCatalogService>, "getQuest" | "listQuests">;

/** The unary reads of `QuestCatalogService`, shared by the catalog and the edge. */
export const questReadMethods = (reads: QuestReads): ReadMethods => ({
  async getQuest(request, ctx) {
    const { tenantId, seesAll } = caller(ctx);
    const quest = await reads.getServable(tenantId, keyOf(request), seesAll);
    return { quest: toQuestMessage(quest) };
  },
  async listQuests(_request, ctx) {
    const { tenantId, seesAll } = caller(ctx);
    return { quests: (await reads.listServable(tenantId, seesAll)).map(toQuestMessage) };
  },
});

/**
 * `QuestCatalogService` with its reads only, as the edge serves it: `WatchQuests` answers
 * `Unimplemented` there (a stream outlives what an edge request may hold open).
 */
export const questReadRpc =
  (reads: QuestReads): RpcRoutes =>
  (router) =>
    router.service(QuestCatalogService, questReadMethods(reads));
