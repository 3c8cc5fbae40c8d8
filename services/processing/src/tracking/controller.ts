import { forbidden, invalid } from "@questline/kit/errors";
import { authGuard } from "@questline/kit/http/auth";
import { jsonBody } from "@questline/kit/http/body-parser";
import { problemSchema, problems } from "@questline/kit/http/problem-schema";
import { requestIdOf } from "@questline/kit/http/request-scope";
import type { Principal } from "@questline/kit/principal";
import type { TokenVerifier } from "@questline/kit/tokens";
import { Elysia, t } from "elysia";
import { isSessionAction, type SessionAction, sessionActionId } from "./action-ids";
import { idempotencyKeyOf } from "./idempotency-key";
import {
  actionBody,
  claimBody,
  claimJson,
  historyJson,
  historyQuery,
  progressJson,
  questNameParams,
  sessionTrackJson,
  trackJson,
} from "./model";
import type { Tracker } from "./service";

const errors = problems(400, 401, 403, 404, 503);
const writeErrors = problems(400, 401, 403, 404, 409, 422, 503);
const DEFAULT_PAGE = 50;

const sessionMessages: Record<SessionAction, string> = {
  signin: "Sign-in tracked",
  signup: "Sign-up tracked",
};

/** REST routes of SPEC §5 for the caller's own progress (the token's `sub`, never a parameter). */
export const trackingController = (tracker: Tracker, verifier: TokenVerifier) =>
  new Elysia({ prefix: "/api/v1/track", tags: ["tracking"] })
    .use(authGuard(verifier))
    .post("/signin", (context) => trackSession(tracker, context), {
      auth: "player",
      response: { 200: sessionTrackJson, ...writeErrors },
      detail: {
        summary: "Track the sign-in that began this token's session (counted once per session)",
        description:
          "A refreshed token belongs to the session of the sign-in it was refreshed from: it counts nothing new. A session that began with a sign-up counts as that sign-up.",
      },
    })
    .post("/signup", (context) => trackSession(tracker, context), {
      auth: "player",
      response: { 200: sessionTrackJson, ...writeErrors },
      detail: {
        summary: "Track the sign-up that began this token's session (counted once per session)",
        description: "The same as /signin: what counts is how the token's session began.",
      },
    })
    .post(
      "/actions",
      ({ principal, tenantId, body, request, set }) => {
        if (isSessionAction(body.action)) {
          throw invalid(
            "action",
            `"${body.action}" is tracked by /api/v1/track/${body.action}`,
            "reserved_action",
          );
        }
        return tracker.track({
          tenantId,
          userId: principal.userId,
          action: body.action,
          key: idempotencyKeyOf(
            request.headers.get("idempotency-key") ?? undefined,
            body.idempotency_key,
          ),
          requestId: requestIdOf(set),
        });
      },
      {
        auth: "player",
        body: actionBody,
        parse: jsonBody,
        response: { 200: trackJson, ...writeErrors },
        detail: {
          summary: "Track an action of the caller",
          description:
            "With `idempotency_key` (or the `Idempotency-Key` header) a repeat counts once.",
        },
      },
    )
    .post(
      "/claim_reward",
      ({ principal, tenantId, body, request, set }) =>
        tracker.claim({
          tenantId,
          userId: principal.userId,
          questName: body.quest_name,
          key: idempotencyKeyOf(request.headers.get("idempotency-key") ?? undefined),
          requestId: requestIdOf(set),
        }),
      {
        auth: "player",
        body: claimBody,
        parse: jsonBody,
        response: { 200: claimJson, ...writeErrors },
        detail: {
          summary: "Claim the rewards of a completed quest",
          description:
            "With an `Idempotency-Key` header a retry gets the same answer and claims nothing more. " +
            "409 codes: not_completed, max_claimed, already_claimed.",
        },
      },
    )
    .post(
      "/quests/:name/start",
      ({ principal, tenantId, params, set }) =>
        tracker.start(tenantId, principal.userId, params.name, requestIdOf(set)),
      {
        auth: "player",
        params: questNameParams,
        response: { 200: progressJson, ...writeErrors },
        detail: { summary: "Start a quest that does not start by itself" },
      },
    )
    .get("/progress", ({ principal, tenantId }) => tracker.progress(tenantId, principal.userId), {
      auth: "player",
      response: { 200: t.Array(progressJson), ...errors },
      detail: { summary: "The caller's progress in every published quest" },
    })
    .get(
      "/history",
      async ({ principal, tenantId, query }) =>
        tracker.history(tenantId, principal.userId, query.after ?? 0, query.limit ?? DEFAULT_PAGE),
      {
        auth: "player",
        query: historyQuery,
        response: { 200: historyJson, ...errors, 422: problemSchema },
        detail: { summary: "The caller's own events, oldest first, a page at a time" },
      },
    );

/**
 * A sign-in or sign-up is identified by the token's session (the refresh chain it belongs to), so
 * auth's report and this one count once, and a refreshed token reports nothing new: whichever of
 * the two routes is called, what counts is the action that began the session.
 */
async function trackSession(
  tracker: Tracker,
  context: { principal: Principal; tenantId: string; set: { headers: Record<string, unknown> } },
) {
  const { session } = context.principal;
  if (session === undefined) {
    throw forbidden(
      "This token was not issued by a sign-in or sign-up, so it has no session to report",
      "no_session",
    );
  }
  const answer = await tracker.track({
    tenantId: context.tenantId,
    userId: context.principal.userId,
    action: session.start,
    actionId: sessionActionId(session.start, session.id),
    key: null,
    requestId: requestIdOf(context.set),
  });
  return { message: sessionMessages[session.start], ...answer };
}
