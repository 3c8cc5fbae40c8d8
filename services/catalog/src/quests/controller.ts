import { authGuard } from "@questline/kit/http/auth";
import { jsonBody } from "@questline/kit/http/body-parser";
import { problems } from "@questline/kit/http/problem-schema";
import type { TokenVerifier } from "@questline/kit/tokens";
import { Elysia } from "elysia";
import { questCreateBody, questIdParams, questJson, questUpdateBody } from "./model";
import { changesFromBody, draftFromBody } from "./quest-input";
import { toQuestJson } from "./quest-json";
import { questReadRoutes } from "./read-controller";
import type { QuestCatalog } from "./service";

const writeErrors = problems(400, 401, 403, 404, 409, 422);

/** REST routes (docs/reference/quests.md): reads (`read-controller.ts`) for all, writes for admins. */
export const questController = (catalog: QuestCatalog, verifier: TokenVerifier) =>
  new Elysia().use(questReadRoutes(catalog, verifier)).use(questWriteRoutes(catalog, verifier));

const questWriteRoutes = (catalog: QuestCatalog, verifier: TokenVerifier) =>
  new Elysia({ prefix: "/api/v1/quest", tags: ["quests"] })
    .use(authGuard(verifier))
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
