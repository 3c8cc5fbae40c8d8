import { consoleRoutes } from "@questline/console/serve";
import { clientAddressFromConfig } from "@questline/kit/http/client-address";
import type { Logger } from "@questline/kit/logger";
import { createMetrics } from "@questline/kit/metrics";
import { verifierFromConfig } from "@questline/kit/service-config";
import { StreamSlots } from "@questline/kit/streams/stream-slots";
import type { TokenVerifier } from "@questline/kit/tokens";
import type { GatewayConfig } from "./config";
import { mountDocsRoutes } from "./docs/controller";
import { gatewayApp } from "./gateway-app";
import { mountProxyRoutes } from "./proxy/controller";
import type { ProxyDeps } from "./proxy/proxy-handler";
import { type Buckets, memoryBuckets } from "./rate-limit/buckets";
import { createRateLimiter } from "./rate-limit/rate-limiter";
import { redisBuckets } from "./rate-limit/redis-buckets";
import { resilientBuckets } from "./rate-limit/resilient-buckets";
import { upstreamsFrom } from "./routes";
import { upstreamReadiness } from "./upstream-readiness";

export const GATEWAY_VERSION = "0.1.0";

function bucketsFor(config: GatewayConfig, logger: Logger, now?: () => number): Buckets {
  if (config.REDIS_URL === undefined) return memoryBuckets({ now });
  return resilientBuckets(redisBuckets(config.REDIS_URL), memoryBuckets({ now }), { logger });
}

/** The gateway process wired from its config; `main.ts` serves it, tests too. */
export function createGatewayService(options: {
  config: GatewayConfig;
  logger: Logger;
  /** Tests pass a verifier for their own keys; otherwise the JWKS of `AUTH_JWKS_URL`. */
  verifier?: TokenVerifier;
  /**
   * The time in-process rate-limit buckets refill by (default `Date.now`); tests pass their own so
   * that a slow machine never refills a bucket mid-test. Redis buckets use Redis's own time.
   */
  clock?: () => number;
}) {
  const { config, logger } = options;
  const upstreams = upstreamsFrom(config);
  const metrics = createMetrics();
  const buckets = bucketsFor(config, logger, options.clock);
  const verifier = options.verifier ?? verifierFromConfig(config);
  const streams = new StreamSlots({
    perPrincipal: config.STREAM_LIMIT_PER_USER,
    perAddress: config.STREAM_LIMIT_PER_ADDRESS,
    total: config.STREAM_LIMIT_TOTAL,
  });
  metrics.gauge(
    "gateway_open_streams",
    "Server streams open through this gateway.",
    () => streams.open,
  );
  const deps: ProxyDeps = {
    limiter: createRateLimiter({
      buckets,
      verifier,
      user: { perSecond: config.RATE_LIMIT_USER_PER_SECOND, burst: config.RATE_LIMIT_USER_BURST },
      address: {
        perSecond: config.RATE_LIMIT_ADDRESS_PER_SECOND,
        burst: config.RATE_LIMIT_ADDRESS_BURST,
      },
      keyPrefix: config.CACHE_PREFIX,
      refused: metrics.counter("gateway_rate_limited_total", "Requests refused by a rate limit."),
    }),
    streams,
    streamsRefused: metrics.counter(
      "gateway_streams_refused_total",
      "Server streams refused at once because a stream limit was full, by limit.",
    ),
    clientAddress: clientAddressFromConfig(config),
    maxBodyBytes: config.MAX_BODY_BYTES,
    timeoutMs: config.UPSTREAM_TIMEOUT_MS,
    answers: metrics.counter("gateway_upstream_responses_total", "Upstream answers passed on."),
  };

  const app = gatewayApp(
    {
      service: "gateway",
      version: GATEWAY_VERSION,
      logger,
      metrics,
      maxBodyBytes: config.MAX_BODY_BYTES,
      metricsToken: config.METRICS_TOKEN,
      readiness: upstreamReadiness(upstreams),
    },
    config.CORS_ORIGINS,
  );
  mountProxyRoutes(app, upstreams, deps);
  mountDocsRoutes(app, upstreams, deps);
  app.use(consoleRoutes({ dir: config.CONSOLE_DIR }));

  return { app, upstreams, close: () => buckets.close() };
}

export type GatewayService = ReturnType<typeof createGatewayService>;
