/**
 * Tracking: `POST /api/v1/track/actions` (through the gateway and straight to processing) and
 * `/track/signin`, cycling through every bench user on 64 connections, with the events the log
 * gained per second counted from the database itself.
 */
import { join } from "node:path";
import { CONNECTIONS } from "../ceilings";
import { eventCounter } from "../event-count";
import { type CaseResult, measure } from "../measure";
import { BENCH_QUESTS } from "../system";
import { runWrk, type WrkCase, writeLuaRequests, wrkCommand } from "../wrk";
import { bearer, type CaseContext } from "./context";

/** Rotating POSTs of `body` to `path`, one per user. */
export function userPosts(
  context: Pick<CaseContext, "bench" | "workDir">,
  file: string,
  path: string,
  body?: unknown,
): string {
  return writeLuaRequests(
    join(context.workDir, file),
    context.bench.users.map((user) => ({
      method: "POST" as const,
      path,
      headers: { ...bearer(user.token), "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    })),
  );
}

async function trackCase(
  context: CaseContext,
  name: string,
  base: string,
  lua: string,
  note?: string,
): Promise<CaseResult> {
  const { bench, plan } = context;
  const counter = eventCounter(bench);
  const spec: WrkCase = { url: base, connections: CONNECTIONS, seconds: plan.runSeconds };
  try {
    return await measure(
      plan,
      {
        group: "tracking",
        name,
        dialect: bench.dialect,
        unit: "req/s",
        command: wrkCommand(spec, lua).join(" "),
        note,
      },
      async (seconds) => {
        const before = await counter.count();
        const result = await runWrk({ ...spec, seconds }, lua);
        const appended = (await counter.count()) - before;
        return { ...result, extra: { "events/s": appended / seconds } };
      },
    );
  } finally {
    await counter.close();
  }
}

/** Tracked actions through the gateway or straight to processing (the runtimes are compared on both). */
export function trackActionsCase(
  context: CaseContext,
  via: "gateway" | "direct",
): Promise<CaseResult> {
  const action = { action: BENCH_QUESTS.track.trigger };
  const actions = userPosts(context, "track-actions.lua", "/api/v1/track/actions", action);
  const { system } = context.bench;
  const base = via === "gateway" ? system.gatewayUrl : system.urlOf("processing");
  return trackCase(
    context,
    `POST /track/actions ${via === "gateway" ? "via gateway" : "direct"}`,
    base,
    actions,
  );
}

export async function trackingCases(context: CaseContext): Promise<CaseResult[]> {
  const { system } = context.bench;
  const signins = userPosts(context, "track-signin.lua", "/api/v1/track/signin");
  return [
    await trackActionsCase(context, "gateway"),
    await trackActionsCase(context, "direct"),
    await trackCase(
      context,
      "POST /track/signin via gateway",
      system.gatewayUrl,
      signins,
      "the client reporting sign-ins auth issued: the first report of each token counts, every repeat is `duplicate`",
    ),
  ];
}
