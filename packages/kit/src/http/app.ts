/**
 * The Elysia app every service starts from: request ids, one JSON log line per request, problem+json
 * for every error, request metrics, health/readiness/metrics endpoints and the docs.
 *
 * Add routes by chaining onto the result, which keeps Elysia's types, e.g.
 * `createServiceApp(options).use(questController)`; a controller is its own `new Elysia()` that
 * `.use(authGuard(verifier))` when it needs `{ auth }` (the app already has it when given a
 * verifier). Handlers get `requestId` and `log` (a logger bound to the request id).
 *
 * Request bodies are not normalised (`normalize: false`): a field the schema does not name is a
 * 422, never silently dropped. Nested objects need `additionalProperties: false` in their schema
 * (Elysia closes only the top-level object): use `strictObject` from `http/strict-object`.
 */
import { Elysia } from "elysia";
import type { Logger } from "../logger";
import { createMetrics, METRICS_CONTENT_TYPE, type MetricsRegistry } from "../metrics";
import type { TokenVerifier } from "../tokens";
import { authGuard } from "./auth";
import { asAppError, toProblem } from "./problem";
import { requestScopes } from "./request-scope";
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
  const metrics = options.metrics ?? createMetrics();
  const requests = metrics.counter("http_requests_total", "HTTP requests answered.");
  const durations = metrics.histogram("http_request_duration_seconds", "HTTP request latency.");

  return new Elysia({ name: "questline.observability" })
    .onRequest(({ request, set }) => {
      set.headers["x-request-id"] = scopes.open(request).requestId;
    })
    .derive({ as: "global" }, ({ request }) => {
      const { requestId, log } = scopes.of(request);
      return { requestId, log };
    })
    .onError({ as: "global" }, ({ error, request }) => {
      const scope = scopes.of(request);
      const known = asAppError(error);
      if (known === undefined) scope.log.error("unexpected error", { error });
      else if (known.status >= 500) scope.log.warn("request failed", { code: known.code });
      const response = toProblem(error, scope.requestId);
      scope.errorStatus = response.status;
      return response;
    })
    .onAfterResponse({ as: "global" }, ({ request, route, set }) => {
      const scope = scopes.of(request);
      const status = scope.errorStatus ?? (typeof set.status === "number" ? set.status : 200);
      const seconds = (performance.now() - scope.startedAt) / 1000;
      const labels = { method: request.method, route: route || UNMATCHED_ROUTE, status };
      requests.inc(labels);
      durations.observe(seconds, { method: labels.method, route: labels.route });
      scope.log.info("request", {
        ...labels,
        duration_ms: Math.round(seconds * 100_000) / 100,
      });
    })
    .get(
      "/metrics",
      () => new Response(metrics.render(), { headers: { "content-type": METRICS_CONTENT_TYPE } }),
      {
        detail: { hide: true },
      },
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
  return new Elysia({ normalize: false, encodeSchema: false })
    .use(observability(options))
    .use(probes(options.readiness))
    .use(swaggerDocs({ service: options.service, version: options.version }));
}

type BaseApp = ReturnType<typeof baseApp>;
const withAuth = (app: BaseApp, verifier: TokenVerifier) => app.use(authGuard(verifier));

/** The base app of a service; see the file comment for how to add routes. */
export function createServiceApp(
  options: ServiceAppOptions & { verifier: TokenVerifier },
): ReturnType<typeof withAuth>;
export function createServiceApp(options: ServiceAppOptions): BaseApp;
export function createServiceApp(options: ServiceAppOptions) {
  const app = baseApp(options);
  return options.verifier === undefined ? app : withAuth(app, options.verifier);
}
