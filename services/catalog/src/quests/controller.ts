import { authGuard } from "@questline/kit/http/auth";
import { jsonBody } from "@questline/kit/http/body-parser";
import { ID_MAX } from "@questline/kit/http/numbers";
import { problemSchema, problems } from "@questline/kit/http/problem-schema";
import { hasRole, type Principal } from "@questline/kit/principal";
import type { TokenVerifier } from "@questline/kit/tokens";
import { Elysia, t } from "elysia";
import {
  questCreateBody,
  questIdParams,
  questJson,
  questKeyParams,
  questUpdateBody,
} from "./model";
import type { CachedQuest } from "./quest-cache";
import { changesFromBody, draftFromBody } from "./quest-input";
import { toQuestJson } from "./quest-json";
import type { QuestKey } from "./repository";
import type { QuestCatalog } from "./service";

const seesAll = (principal: Principal) => hasRole(principal, "admin", "service");

const DECIMAL_ID = /^[1-9][0-9]{0,15}$/;

/** `/api/v1/quest/{key}` names a quest by id (canonical decimal digits) or by name. */
const keyOf = (key: string): QuestKey =>
  DECIMAL_ID.test(key) && Number(key) <= ID_MAX ? { id: Number(key) } : { name: key };

const errors = problems(400, 401, 403, 404);

/** A quest read answers the cache's decoded REST shape (made by `toQuestJson`) as it is. */
const questResponse = ({ json }: CachedQuest) => json;
const writeErrors = problems(400, 401, 403, 404, 409, 422);

/** REST routes of SPEC §4: reads for every caller, writes for admins. */
export const questController = (catalog: QuestCatalog, verifier: TokenVerifier) =>
  new Elysia({ prefix: "/api/v1/quest", tags: ["quests"] })
    .use(authGuard(verifier))
    .get(
      "/",
      async ({ principal, tenantId }) =>
        (await catalog.list(tenantId, seesAll(principal))).map(toQuestJson),
      {
        auth: true,
        response: { 200: t.Array(questJson), ...errors },
        detail: { summary: "List the quests the caller may see" },
      },
    )
    .get(
      "/get/:id",
      async ({ principal, tenantId, params }) =>
        questResponse(await catalog.getCached(tenantId, { id: params.id }, seesAll(principal))),
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
        questResponse(await catalog.getCached(tenantId, keyOf(params.key), seesAll(principal))),
      {
        auth: true,
        params: questKeyParams,
        response: { 200: questJson, ...errors, 422: problemSchema },
        detail: { summary: "Get a quest by id or name" },
      },
    )
    .post(
      "/",
      async ({ tenantId, body, set }) => {
        set.status = 201;
        return toQuestJson(await catalog.create(tenantId, draftFromBody(body), body.status));
      },
      {
        auth: "admin",
        body: questCreateBody,
        parse: jsonBody,
        response: { 201: questJson, ...writeErrors },
        detail: { summary: "Create a quest, as a draft unless `status` is published" },
      },
    )
    .put(
      "/:id",
      async ({ tenantId, params, body }) =>
        toQuestJson(await catalog.update(tenantId, params.id, changesFromBody(body), body.version)),
      {
        auth: "admin",
        params: questIdParams,
        body: questUpdateBody,
        parse: jsonBody,
        response: { 200: questJson, ...writeErrors },
        detail: { summary: "Change a quest; its version grows by one" },
      },
    )
    .post(
      "/:id/publish",
      async ({ tenantId, params }) =>
        toQuestJson(await catalog.setStatus(tenantId, params.id, "published")),
      {
        auth: "admin",
        params: questIdParams,
        response: { 200: questJson, ...writeErrors },
        detail: { summary: "Publish a quest: players see it and their actions count" },
      },
    )
    .delete(
      "/:id",
      async ({ tenantId, params }) =>
        toQuestJson(await catalog.setStatus(tenantId, params.id, "archived")),
      {
        auth: "admin",
        params: questIdParams,
        response: { 200: questJson, ...writeErrors },
        detail: { summary: "Archive a quest (quests are never deleted)" },
      },
    );
