/**
 * The Elysia app every service starts from: request ids, one JSON log line per request, problem+json
 * for every error, request metrics, health/readiness/metrics endpoints and the docs.
 *
 * Add routes by chaining onto the result, which keeps Elysia's types, e.g.
 * `createServiceApp(options).use(questController)`; a controller is its own `new Elysia()` that
 * `.use(authGuard(verifier))` when it needs `{ auth }` (the app already has it when given a
 * verifier). A handler finds its request id with `requestIdOf(set)` (from `http/request-scope`);
 * nothing is derived per request, since every derived field costs every route.
 *
 * Request bodies are JSON, read by the `jsonBody` parse hook of `http/body-parser` that each body
 * route names (size, depth and key limits before validation), and not normalised
 * (`normalize: false`): a field the schema does not name is a 422, never silently dropped. Nested objects need `additionalProperties: false` in their schema
 * (Elysia closes only the top-level object): use `strictObject` from `http/strict-object`, and
 * numbers from `http/numbers` (Elysia's `t.Integer` also accepts strings like "0x10").
 */
import { Elysia } from "elysia";
import type { Logger } from "../logger";
import { createMetrics, METRICS_CONTENT_TYPE, type MetricsRegistry } from "../metrics";
import type { TokenVerifier } from "../tokens";
import { authGuard } from "./auth";
import { withBodyLimit } from "./body-parser";
import { DEFAULT_MAX_BODY_BYTES } from "./json-body";
import { metricsAccess } from "./metrics-access";
import { asAppError, toProblem } from "./problem";
import { type RequestScope, requestScopes } from "./request-scope";
import { swaggerDocs } from "./swagger";

export interface ServiceAppOptions {
  service: string;
  version: string;
  logger: Logger;
  /** One entry per dependency: "ok", or a short description of what is wrong. */
  readiness: () => Promise<Record<string, string>>;
  metrics?: MetricsRegistry;
  /** When given, routes can use the `auth` macro directly. */
  verifier?: TokenVerifier;
  /** The largest request body (default 1 MiB, `MAX_BODY_BYTES`); larger ones are a 413. */
  maxBodyBytes?: number;
  /** Bearer token `/metrics` needs; unset, only loopback callers read it (`http/metrics-access`). */
  metricsToken?: string;
  /** Serve `/swagger` (default true). The edge serves none: its routes are the catalog's. */
  docs?: boolean;
}

const UNMATCHED_ROUTE = "unmatched";

async function readinessChecks(readiness: ServiceAppOptions["readiness"]) {
  try {
    return await readiness();
  } catch (error) {
    return { readiness: error instanceof Error ? error.message : "the check failed" };
  }
}

function observability(options: ServiceAppOptions) {
  const scopes = requestScopes(options.logger);
  const mayReadMetrics = metricsAccess(options.metricsToken);
  const metrics = options.metrics ?? createMetrics();
  const requests = metrics.counter("http_requests_total", "HTTP requests answered.");
  const durations = metrics.histogram("http_request_duration_seconds", "HTTP request latency.");
  // Series handles by route, method and status (the route strings are Elysia's own, so looking
  // them up hashes nothing new): keying labels was most of a metric update's cost.
  type Series = { count(): void; observe(seconds: number): void };
  const series = new Map<string, Map<string, Map<number, Series>>>();
  /** Counts the answer, observes its latency and logs it (at `info`). */
  const record = (
    scope: RequestScope,
    request: Request,
    route: string | undefined,
    status: number,
  ) => {
    const seconds = (performance.now() - scope.startedAt) / 1000;
    const { method } = request;
    const matched = route || UNMATCHED_ROUTE;
    const one = seriesOf(method, matched, status);
    one.count();
    one.observe(seconds);
    if (options.logger.enabled("info")) {
      scope.log.info("request", {
        method,
        route: matched,
        status,
        duration_ms: Math.round(seconds * 100_000) / 100,
      });
    }
  };
  const seriesOf = (method: string, route: string, status: number) => {
    let byMethod = series.get(route);
    if (byMethod === undefined) {
      byMethod = new Map();
      series.set(route, byMethod);
    }
    let byStatus = byMethod.get(method);
    if (byStatus === undefined) {
      byStatus = new Map();
      byMethod.set(method, byStatus);
    }
    let one = byStatus.get(status);
    if (one === undefined) {
      const counter = requests.series({ method, route, status });
      const histogram = durations.series({ method, route });
      one = { count: () => counter.inc(), observe: (seconds) => histogram.observe(seconds) };
      byStatus.set(status, one);
    }
    return one;
  };

  return (
    new Elysia({ name: "questline.observability" })
      .onRequest(({ request, set }) => {
        set.headers["x-request-id"] = scopes.open(request).requestId;
      })
      .onError({ as: "global" }, ({ error, request, route }) => {
        const scope = scopes.of(request);
        const known = asAppError(error);
        if (known === undefined) scope.log.error("unexpected error", { error });
        else if (known.status >= 500) scope.log.warn("request failed", { code: known.code });
        const response = toProblem(error, scope.requestId);
        record(scope, request, route, response.status);
        return response;
      })
      // After the handler rather than after the response: Elysia runs `onAfterResponse` hooks in a
      // setImmediate of their own, a cost per request that the bench's reads noticed.
      .onAfterHandle({ as: "global" }, ({ request, route, set, response }) => {
        const status =
          response instanceof Response
            ? response.status
            : typeof set.status === "number"
              ? set.status
              : 200;
        record(scopes.of(request), request, route, status);
      })
      .get(
        "/metrics",
        ({ request, server }) => {
          mayReadMetrics(request, server);
          return new Response(metrics.render(), {
            headers: { "content-type": METRICS_CONTENT_TYPE },
          });
        },
        { detail: { hide: true } },
      )
  );
}

function probes(readiness: ServiceAppOptions["readiness"]) {
  return new Elysia({ name: "questline.probes" })
    .get("/health", () => ({ status: "ok" as const }), { detail: { hide: true } })
    .get(
      "/ready",
      async ({ set }) => {
        const checks = await readinessChecks(readiness);
        const ready = Object.values(checks).every((result) => result === "ok");
        set.status = ready ? 200 : 503;
        return { status: ready ? ("ok" as const) : ("unavailable" as const), checks };
      },
      { detail: { hide: true } },
    );
}

function baseApp(options: ServiceAppOptions) {
  // No response schema uses t.Transform, so Elysia's per-response Encode pass is pure cost.
  // `standardHostname: false`: Elysia finds the path after the 11th character by default, which
  // cuts it wrong when the Host header is shorter than 4 characters (`Host: api`). Our listeners
  // speak plain http (TLS ends before them), so searching from `http://` on is always right.
  return new Elysia({
    normalize: false,
    encodeSchema: false,
    handler: { standardHostname: false },
  })
    .use(observability(options))
    .use(probes(options.readiness))
    .use(
      options.docs === false
        ? new Elysia({ name: "questline.swagger" })
        : swaggerDocs({ service: options.service, version: options.version }),
    );
}

type BaseApp = ReturnType<typeof baseApp>;
const withAuth = (app: BaseApp, verifier: TokenVerifier) => app.use(authGuard(verifier));

/** The base app of a service; see the file comment for how to add routes. */
export function createServiceApp(
  options: ServiceAppOptions & { verifier: TokenVerifier },
): ReturnType<typeof withAuth>;
export function createServiceApp(options: ServiceAppOptions): BaseApp;
export function createServiceApp(options: ServiceAppOptions) {
  const app = withBodyLimit(baseApp(options), options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  return options.verifier === undefined ? app : withAuth(app, options.verifier);
}
