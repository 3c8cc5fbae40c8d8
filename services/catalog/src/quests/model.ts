import { strictObject } from "@questline/kit/http/strict-object";
import { t } from "elysia";
import { ITEM_PATTERN, MAX_REWARDS, QUEST_NAME_PATTERN, TRIGGER_PATTERN } from "./quest";

/** TypeBox schemas of the quest routes: they validate requests and make the OpenAPI page true. */
const reward = strictObject({
  item: t.String({
    pattern: ITEM_PATTERN.source,
    description: "Wallet item, e.g. gold, diamond",
  }),
  qty: t.Integer({ minimum: 1 }),
});

const instant = t.Union([t.String({ format: "date-time" }), t.Null()]);
const cadence = t.Union([t.Literal("any"), t.Literal("daily")]);

const editable = {
  title: t.String({ minLength: 1, maxLength: 200 }),
  description: t.String({ maxLength: 2000 }),
  trigger: t.String({ pattern: TRIGGER_PATTERN.source, description: "The action that counts" }),
  target: t.Integer({ minimum: 1, description: "Counted actions per completion" }),
  cadence,
  consecutive: t.Boolean({ description: "Daily only: a missed day resets progress" }),
  timezone: t.String({
    minLength: 1,
    maxLength: 64,
    description: "IANA zone of the calendar days",
  }),
  max_completions: t.Union([t.Integer({ minimum: 1 }), t.Null()], {
    description: "null: unlimited",
  }),
  auto_claim: t.Boolean(),
  auto_start: t.Boolean(),
  rewards: t.Array(reward, { minItems: 1, maxItems: MAX_REWARDS }),
  starts_at: instant,
  ends_at: instant,
};

export const questCreateBody = strictObject({
  name: t.String({ pattern: QUEST_NAME_PATTERN.source, description: "Unique slug per tenant" }),
  title: editable.title,
  description: t.Optional(editable.description),
  trigger: editable.trigger,
  target: editable.target,
  cadence: t.Optional(editable.cadence),
  consecutive: t.Optional(editable.consecutive),
  timezone: t.Optional(editable.timezone),
  max_completions: t.Optional(editable.max_completions),
  auto_claim: t.Optional(editable.auto_claim),
  auto_start: t.Optional(editable.auto_start),
  rewards: editable.rewards,
  starts_at: t.Optional(editable.starts_at),
  ends_at: t.Optional(editable.ends_at),
  status: t.Optional(
    t.Union([t.Literal("draft"), t.Literal("published")], { description: "Default: draft" }),
  ),
});

export const questUpdateBody = strictObject({
  title: t.Optional(editable.title),
  description: t.Optional(editable.description),
  trigger: t.Optional(editable.trigger),
  target: t.Optional(editable.target),
  cadence: t.Optional(editable.cadence),
  consecutive: t.Optional(editable.consecutive),
  timezone: t.Optional(editable.timezone),
  max_completions: t.Optional(editable.max_completions),
  auto_claim: t.Optional(editable.auto_claim),
  auto_start: t.Optional(editable.auto_start),
  rewards: t.Optional(editable.rewards),
  starts_at: t.Optional(editable.starts_at),
  ends_at: t.Optional(editable.ends_at),
  version: t.Optional(
    t.Integer({ minimum: 1, description: "Expected current version (409 if not)" }),
  ),
});

export const questJson = t.Object({
  id: t.Integer(),
  name: t.String(),
  title: t.String(),
  description: t.String(),
  trigger: t.String(),
  target: t.Integer(),
  cadence,
  consecutive: t.Boolean(),
  timezone: t.String(),
  max_completions: t.Union([t.Integer(), t.Null()]),
  auto_claim: t.Boolean(),
  auto_start: t.Boolean(),
  rewards: t.Array(reward),
  starts_at: instant,
  ends_at: instant,
  status: t.Union([t.Literal("draft"), t.Literal("published"), t.Literal("archived")]),
  version: t.Integer(),
});

export const questIdParams = t.Object({ id: t.Integer({ minimum: 1 }) });
export const questKeyParams = t.Object({ key: t.String({ minLength: 1, maxLength: 64 }) });

export type QuestCreateBody = typeof questCreateBody.static;
export type QuestUpdateBody = typeof questUpdateBody.static;
