import { authGuard } from "@questline/kit/http/auth";
import { ID_MAX } from "@questline/kit/http/numbers";
import { problemSchema, problems } from "@questline/kit/http/problem-schema";
import { hasRole, type Principal } from "@questline/kit/principal";
import type { TokenVerifier } from "@questline/kit/tokens";
import { Elysia, t } from "elysia";
import { questIdParams, questJson, questKeyParams } from "./model";
import type { CachedQuest } from "./quest-cache";
import { toQuestJson } from "./quest-json";
import type { QuestReads } from "./read-service";
import type { QuestKey } from "./repository";

const seesAll = (principal: Principal) => hasRole(principal, "admin", "service");

const DECIMAL_ID = /^[1-9][0-9]{0,15}$/;

/** `/api/v1/quest/{key}` names a quest by id (canonical decimal digits) or by name. */
const keyOf = (key: string): QuestKey =>
  DECIMAL_ID.test(key) && Number(key) <= ID_MAX ? { id: Number(key) } : { name: key };

const errors = problems(400, 401, 403, 404);

/** A quest read answers the cache's decoded REST shape (made by `toQuestJson`) as it is. */
const questResponse = ({ json }: CachedQuest) => json;

/** The REST reads (docs/reference/quests.md) for every caller, served by the catalog and edge. */
export const questReadRoutes = (reads: QuestReads, verifier: TokenVerifier) =>
  new Elysia({ prefix: "/api/v1/quest", tags: ["quests"] })
    .use(authGuard(verifier))
    .get(
      "/",
      async ({ principal, tenantId }) =>
        (await reads.list(tenantId, seesAll(principal))).map(toQuestJson),
      {
        auth: true,
        response: { 200: t.Array(questJson), ...errors },
        detail: { summary: "List the quests the caller may see" },
      },
    )
    .get(
      "/get/:id",
      async ({ principal, tenantId, params }) =>
        questResponse(await reads.getCached(tenantId, { id: params.id }, seesAll(principal))),
      {
        auth: true,
        params: questIdParams,
        response: { 200: questJson, ...errors, 422: problemSchema },
        detail: { summary: "Get a quest by id (the original path)" },
      },
    )
    .get(
      "/:key",
      async ({ principal, tenantId, params }) =>
        questResponse(await reads.getCached(tenantId, keyOf(params.key), seesAll(principal))),
      {
        auth: true,
        params: questKeyParams,
        response: { 200: questJson, ...errors, 422: problemSchema },
        detail: { summary: "Get a quest by id or name" },
      },
    );
