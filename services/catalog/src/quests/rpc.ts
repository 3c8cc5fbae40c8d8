import type { MessageInitShape } from "@bufbuild/protobuf";
import type { Logger } from "@questline/kit/logger";
import type { RpcRoutes } from "@questline/kit/rpc/routes";
import {
  QuestCatalogService,
  type WatchQuestsResponseSchema,
} from "@questline/proto/catalog/v1/catalog_pb";
import { toQuestMessage } from "./proto-mapping";
import { visibleTo } from "./quest";
import type { QuestChanges } from "./quest-changes";
import { caller, questReadMethods } from "./read-rpc";
import type { QuestCatalog } from "./service";

/** `QuestCatalogService` over gRPC, gRPC-Web and Connect (one implementation for all three). */
export const questRpc =
  (catalog: QuestCatalog, changes: QuestChanges): RpcRoutes =>
  (router) =>
    router.service(QuestCatalogService, {
      ...questReadMethods(catalog),
      async *watchQuests(
        _request,
        ctx,
      ): AsyncGenerator<MessageInitShape<typeof WatchQuestsResponseSchema>> {
        const { tenantId, seesAll } = caller(ctx);
        // Subscribe before reading the snapshot, so a change between the two is not lost.
        const subscription = changes.subscribe(tenantId);
        try {
          const sent = new Map<number, number>();
          const snapshot = (await catalog.current(tenantId)).filter((quest) =>
            visibleTo(quest, seesAll),
          );
          for (const quest of snapshot) sent.set(quest.id, quest.version);
          yield { event: { case: "snapshot", value: { quests: snapshot.map(toQuestMessage) } } };
          for (;;) {
            const quest = await subscription.next(ctx.signal);
            const wasSent = sent.has(quest.id);
            if ((sent.get(quest.id) ?? 0) >= quest.version) continue;
            // A player also hears of a quest leaving their view, so a client can drop it.
            if (!visibleTo(quest, seesAll) && !wasSent) continue;
            sent.set(quest.id, quest.version);
            yield { event: { case: "changed", value: toQuestMessage(quest) } };
          }
        } finally {
          subscription.close();
        }
      },
    });

/**
 * Publishes changes made by other replicas: for each tenant someone watches, compares the stored
 * quests with what was published. Writes on this replica are published at once without it.
 */
export function startWatchPoller(
  catalog: QuestCatalog,
  changes: QuestChanges,
  intervalMs: number,
  logger: Logger,
) {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      for (const tenantId of changes.watchedTenants())
        changes.sync(tenantId, await catalog.current(tenantId));
    } catch (error) {
      // The next tick tries again; readiness reports a storage that stays down.
      logger.warn("watch poll failed", { error });
    } finally {
      running = false;
    }
  }, intervalMs);
  return { stop: () => clearInterval(timer) };
}
