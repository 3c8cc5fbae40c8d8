import type { HandlerContext } from "@connectrpc/connect";
import { invalid } from "@questline/kit/errors";
import { requireRole } from "@questline/kit/principal";
import { principalOf, serviceTenant } from "@questline/kit/rpc/auth";
import type { RpcRoutes } from "@questline/kit/rpc/routes";
import {
  type TrackActionRequest,
  TrackingService,
  TrackStatus,
} from "@questline/proto/processing/v1/tracking_pb";
import type { QuestProgressView } from "../domain/progress-view";
import { actionIdFor } from "./action-ids";
import { ACTION_PATTERN, IDEMPOTENCY_KEY_PATTERN } from "./model";
import type { Tracker } from "./service";

const ACTION = new RegExp(ACTION_PATTERN);
const ACTION_ID = new RegExp(IDEMPOTENCY_KEY_PATTERN);
const MAX_CLOCK_SKEW_MS = 60_000;

function occurredAtOf(request: TrackActionRequest, now: Date): Date | undefined {
  if (request.occurredAt === undefined) return undefined;
  const instant = new Date(request.occurredAt);
  if (Number.isNaN(instant.getTime())) throw invalid("occurred_at", "occurred_at must be RFC 3339");
  if (instant.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
    throw invalid("occurred_at", "occurred_at lies in the future");
  }
  return instant;
}

function validated(request: TrackActionRequest) {
  if (request.userId === "" || request.userId.length > 128) {
    throw invalid("user_id", "user_id must be 1-128 characters");
  }
  if (!ACTION.test(request.action)) throw invalid("action", `action must match ${ACTION_PATTERN}`);
  if (!ACTION_ID.test(request.actionId)) {
    throw invalid("action_id", "action_id must be 1-128 printable ASCII characters");
  }
  return { ...request, occurredAt: occurredAtOf(request, new Date()) };
}

const toMessage = (view: QuestProgressView) => ({
  questName: view.quest_name,
  progress: view.progress,
  target: view.target,
  completions: view.completions,
  claims: view.claims,
  claimable: view.claimable,
  status: view.status,
  nextResetAt: view.next_reset_at ?? undefined,
});

const requestIdOf = (context: HandlerContext) => context.requestHeader.get("x-request-id");

/** `TrackingService` for other services (auth reports sign-ins and sign-ups here). */
export const trackingRpc =
  (tracker: Tracker): RpcRoutes =>
  (router) =>
    router.service(TrackingService, {
      async trackAction(request, context) {
        requireRole(principalOf(context), "service");
        const tenantId = serviceTenant(context);
        const { userId, action, actionId, occurredAt } = validated(request);
        const answer = await tracker.track({
          tenantId,
          userId,
          action,
          actionId: actionIdFor(userId, actionId),
          key: actionId,
          requestId: requestIdOf(context),
          occurredAt,
        });
        return {
          status: answer.status === "tracked" ? TrackStatus.TRACKED : TrackStatus.DUPLICATE,
          quests: answer.quests.map(toMessage),
        };
      },
    });
