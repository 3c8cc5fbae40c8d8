/**
 * The quest list, read from `QuestCatalogService` over gRPC-Web through the gateway and kept fresh
 * by `WatchQuests`: one snapshot, then every change. A dropped stream is reopened with backoff,
 * carrying whatever access token is current then.
 */
import { Code, ConnectError, createClient, type Interceptor } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { type Quest, QuestCatalogService } from "@questline/proto/catalog/v1/catalog_pb";
import { currentSession, renewSession } from "./session";

const bearer: Interceptor = (next) => (request) => {
  const session = currentSession();
  if (session !== null) request.header.set("authorization", `Bearer ${session.token}`);
  return next(request);
};

const client = createClient(
  QuestCatalogService,
  createGrpcWebTransport({ baseUrl: location.origin, interceptors: [bearer] }),
);

const MAX_BACKOFF_MS = 15_000;

export type QuestsListener = (quests: readonly Quest[]) => void;

/** Watches the caller's quests until `signal` aborts, calling `onQuests` with the whole list. */
export async function watchQuests(
  signal: AbortSignal,
  onQuests: QuestsListener,
  onTrouble: (error: unknown) => void,
): Promise<void> {
  const quests = new Map<bigint, Quest>();
  const publish = () => onQuests([...quests.values()].sort((a, b) => Number(a.id - b.id)));
  let backoff = 500;
  while (!signal.aborted) {
    try {
      for await (const message of client.watchQuests({}, { signal })) {
        backoff = 500;
        if (message.event.case === "snapshot") {
          quests.clear();
          for (const quest of message.event.value.quests) quests.set(quest.id, quest);
        } else if (message.event.case === "changed") {
          quests.set(message.event.value.id, message.event.value);
        }
        publish();
      }
    } catch (error) {
      if (signal.aborted) return;
      // A token that expired while the tab slept: renew it before the stream is reopened.
      const expired = error instanceof ConnectError && error.code === Code.Unauthenticated;
      if (expired && (await renewSession()) === null) return;
      if (!expired) onTrouble(error);
    }
    await pause(backoff, signal);
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  }
}

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
