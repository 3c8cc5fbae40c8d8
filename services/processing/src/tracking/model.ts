import { decimal, INT32_MAX } from "@questline/kit/http/numbers";
import { strictObject } from "@questline/kit/http/strict-object";
import { t } from "elysia";

/** TypeBox schemas of the tracking routes: they validate requests and make the OpenAPI page true. */
export const ACTION_PATTERN = "^[a-z][a-z0-9_.:-]{0,63}$";
export const IDEMPOTENCY_KEY_PATTERN = "^[\\x21-\\x7e]{1,128}$";
const QUEST_NAME_PATTERN = "^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$";

export const progressJson = t.Object({
  quest_name: t.String(),
  progress: t.Integer(),
  target: t.Integer(),
  completions: t.Integer(),
  claims: t.Integer(),
  claimable: t.Boolean(),
  status: t.Union([t.Literal("in_progress"), t.Literal("claimable"), t.Literal("completed")]),
  next_reset_at: t.Union([t.String({ format: "date-time" }), t.Null()]),
  started: t.Boolean(),
});

const trackStatus = t.Union([t.Literal("tracked"), t.Literal("duplicate")], {
  description: "tracked: counted now; duplicate: seen before, nothing changed",
});

export const trackJson = t.Object({ status: trackStatus, quests: t.Array(progressJson) });

export const sessionTrackJson = t.Object({
  message: t.String(),
  status: trackStatus,
  quests: t.Array(progressJson),
});

const reward = t.Object({ item: t.String(), qty: t.Integer() });

export const claimJson = t.Object({
  message: t.Literal("Reward claimed successfully"),
  reward,
  rewards: t.Array(reward),
});

export const actionBody = strictObject({
  action: t.String({ pattern: ACTION_PATTERN, description: "The action name, e.g. level_up" }),
  idempotency_key: t.Optional(
    t.String({ pattern: IDEMPOTENCY_KEY_PATTERN, description: "Repeats with this key count once" }),
  ),
});

export const claimBody = strictObject({
  quest_name: t.String({ pattern: QUEST_NAME_PATTERN }),
});

export const questNameParams = t.Object({ name: t.String({ pattern: QUEST_NAME_PATTERN }) });

export const historyQuery = t.Object({
  after: t.Optional(
    decimal("after", {
      minimum: 0,
      maximum: INT32_MAX,
      description: "The last version already read",
    }),
  ),
  limit: t.Optional(decimal("limit", { minimum: 1, maximum: 200, description: "Default 50" })),
});

export const eventJson = t.Object({
  version: t.Integer(),
  position: t.Integer(),
  type: t.String(),
  data: t.Record(t.String(), t.Unknown()),
  metadata: t.Object({
    quest_version: t.Union([t.Integer(), t.Null()]),
    idempotency_key: t.Union([t.String(), t.Null()]),
    request_id: t.Union([t.String(), t.Null()]),
  }),
  occurred_at: t.String({ format: "date-time" }),
});

export const historyJson = t.Object({
  events: t.Array(eventJson),
  next_after: t.Union([t.Integer(), t.Null()], {
    description: "Pass as `after` for the next page",
  }),
});
