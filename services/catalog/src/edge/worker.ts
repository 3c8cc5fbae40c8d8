/**
 * The edge bundle's entry (`bun run build:edge`): an ES module whose default export is a fetch
 * handler, as workerd and `deno serve` run it. Settings are the platform's bindings (workerd) over
 * the process environment (Deno); the catalog is built on the first request, where both are known.
 */
import process from "node:process";
import { ConfigError } from "@questline/kit/config";
import { AppError } from "@questline/kit/errors";
import { toProblem } from "@questline/kit/http/problem";
import { type CatalogEdge, createCatalogEdge } from "./service";

/** The part of workerd's `ExecutionContext` the edge uses. */
interface WaitUntil {
  waitUntil(promise: Promise<unknown>): void;
}

let edge: CatalogEdge | undefined;

/**
 * The process environment with workerd's bindings over it: a text binding sets its variable, and
 * one whose source is unset (`fromEnvironment` of a missing variable: null) unsets it. Deno's
 * second argument (connection info) has no such values and changes nothing.
 */
function settingsOf(bindings: unknown): Record<string, string | undefined> {
  const settings: Record<string, string | undefined> = { ...process.env };
  if (typeof bindings !== "object" || bindings === null) return settings;
  for (const [name, value] of Object.entries(bindings)) {
    if (typeof value === "string") settings[name] = value;
    else if (value === null) settings[name] = undefined;
  }
  return settings;
}

const canWaitUntil = (context: unknown): context is WaitUntil =>
  typeof context === "object" &&
  context !== null &&
  typeof (context as Partial<WaitUntil>).waitUntil === "function";

/** Builds the edge once; a missing or bad setting is logged and answered 503 until fixed. */
function edgeFor(bindings: unknown): CatalogEdge | Response {
  try {
    edge ??= createCatalogEdge(settingsOf(bindings));
    return edge;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(JSON.stringify({ level: "error", service: "catalog-edge", msg: error.message }));
    return toProblem(
      new AppError("unavailable", "misconfigured", "The service is not configured; see its log"),
    );
  }
}

export default {
  async fetch(request: Request, bindings?: unknown, context?: unknown): Promise<Response> {
    const ready = edgeFor(bindings);
    if (ready instanceof Response) return ready;
    return ready.fetch(request, (pending) => {
      // Without `waitUntil` (Deno) the close simply runs on: the process outlives the request.
      if (canWaitUntil(context)) context.waitUntil(pending);
    });
  },
};
