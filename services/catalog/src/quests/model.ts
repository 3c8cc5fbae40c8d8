import { decimal, ID_MAX, INT32_MAX, integer } from "@questline/kit/http/numbers";
import { strictObject } from "@questline/kit/http/strict-object";
import { ITEM_PATTERN, MAX_GRANT_ITEMS, MAX_GRANT_QTY } from "@questline/kit/wallet-limits";
import { t } from "elysia";
import { QUEST_NAME_PATTERN, TRIGGER_PATTERN } from "./quest-rules";

/**
 * TypeBox schemas of the quest routes: they validate requests and make the OpenAPI page true.
 * Integer ranges are those of the proto `int32` fields and the Postgres `integer` columns that
 * keep them (a test holds the three together); a reward's qty is what one wallet grant may hold.
 */
const reward = strictObject({
  item: t.String({
    pattern: ITEM_PATTERN.source,
    description: "Wallet item, e.g. gold, diamond",
  }),
  qty: integer({ minimum: 1, maximum: MAX_GRANT_QTY }),
});

const instant = t.Union([t.String({ format: "date-time" }), t.Null()]);
const cadence = t.Union([t.Literal("any"), t.Literal("daily")]);

const editable = {
  title: t.String({ minLength: 1, maxLength: 200 }),
  description: t.String({ maxLength: 2000 }),
  trigger: t.String({ pattern: TRIGGER_PATTERN.source, description: "The action that counts" }),
  target: integer({
    minimum: 1,
    maximum: INT32_MAX,
    description: "Counted actions per completion",
  }),
  cadence,
  consecutive: t.Boolean({ description: "Daily only: a missed day resets progress" }),
  timezone: t.String({
    minLength: 1,
    maxLength: 64,
    description: "IANA zone of the calendar days",
  }),
  max_completions: t.Union([integer({ minimum: 1, maximum: INT32_MAX }), t.Null()], {
    description: "null: unlimited",
  }),
  auto_claim: t.Boolean(),
  auto_start: t.Boolean(),
  rewards: t.Array(reward, { minItems: 1, maxItems: MAX_GRANT_ITEMS }),
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
    integer({
      minimum: 1,
      maximum: INT32_MAX,
      description: "Expected current version (409 if not)",
    }),
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
  // As stored: an admin must be able to read a quest whose row breaks today's rules.
  rewards: t.Array(t.Object({ item: t.String(), qty: t.Number() })),
  starts_at: instant,
  ends_at: instant,
  status: t.Union([t.Literal("draft"), t.Literal("published"), t.Literal("archived")]),
  version: t.Integer(),
  problems: t.Optional(
    t.Array(t.String(), {
      description:
        "Admins only: why this stored quest cannot be served (players and watchers never see it)",
    }),
  ),
});

export const questIdParams = t.Object({ id: decimal("id", { minimum: 1, maximum: ID_MAX }) });
/** A quest's id (decimal digits) or name (a slug): both are lowercase letters, digits and dashes. */
export const questKeyParams = t.Object({
  key: t.String({ pattern: "^[a-z0-9][a-z0-9-]{0,63}$", description: "A quest id or name" }),
});

export type QuestCreateBody = typeof questCreateBody.static;
export type QuestUpdateBody = typeof questUpdateBody.static;
