/**
 * Test support, exported as `@questline/gateway/testing` (never shipped in an image): a gateway on
 * a port the OS picks, in front of upstreams a test chooses, its log lines kept for assertions.
 */
import { createLogger } from "@questline/kit/logger";
import { type RunningService, runService } from "@questline/kit/serve";
import type { TokenVerifier } from "@questline/kit/tokens";
import { loadGatewayConfig } from "../config";
import { createGatewayService } from "../service";

/** A gateway on a free port in front of `env`'s upstreams, its log lines kept for assertions. */
export async function startTestGateway(
  env: Record<string, string>,
  options: { verifier?: TokenVerifier; clock?: () => number } = {},
) {
  const config = loadGatewayConfig({ CACHE_PREFIX: `test-${crypto.randomUUID()}`, ...env });
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger({
    service: "gateway",
    level: "debug",
    write: (line) => logs.push(JSON.parse(line)),
  });
  const gateway = createGatewayService({ config, logger, ...options });
  const running: RunningService = await runService({
    app: gateway.app,
    port: 0,
    hostname: "127.0.0.1",
    logger,
  });
  return {
    url: `http://127.0.0.1:${running.httpPort}`,
    gateway,
    logs,
    async close() {
      await running.stop();
      await gateway.close();
    },
  };
}

export type TestGateway = Awaited<ReturnType<typeof startTestGateway>>;

/** A real HTTP server on a free port that answers with `fetch` (an upstream a test controls). */
export function startUpstream(fetch: (request: Request) => Response | Promise<Response>) {
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", idleTimeout: 0, fetch });
  return { url: `http://127.0.0.1:${server.port}`, stop: () => server.stop(true) };
}
