/**
 * gRPC load for `GetQuest`: a Connect-ES gRPC client (HTTP/2, h2c) keeping `inFlight` calls
 * running for a fixed time; no Debian or npm gRPC load tool runs here, so this is the generator.
 */
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { QuestCatalogService } from "@questline/proto/catalog/v1/catalog_pb";
import type { Sample } from "../measure";

export function grpcGetQuestLoad(baseUrl: string, token: string, inFlight: number) {
  const client = createClient(QuestCatalogService, createGrpcTransport({ baseUrl }));
  const headers = { authorization: `Bearer ${token}` };
  const request = { key: { case: "name" as const, value: "sign-in-three-times" } };
  return async (seconds: number): Promise<Sample> => {
    const latencies: number[] = [];
    let errors = 0;
    const deadline = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (performance.now() < deadline) {
          const started = performance.now();
          try {
            await client.getQuest(request, { headers });
            latencies.push(performance.now() - started);
          } catch {
            errors++;
          }
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    const at = (q: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
    return { rps: latencies.length / seconds, p50Ms: at(0.5), p99Ms: at(0.99), errors };
  };
}
