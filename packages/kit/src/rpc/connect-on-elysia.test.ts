/**
 * Connect routes get the request body unread whichever way Elysia runs its handlers: compiled (the
 * default) or interpreted (`aot: false`, what the edge bundle must use), where `parse: "none"` is
 * not honoured and a Connect-JSON body would be read before Connect sees it.
 */
import { expect, test } from "bun:test";
import { create, toJson } from "@bufbuild/protobuf";
import {
  GetQuestResponseSchema,
  QuestCatalogService,
  QuestSchema,
} from "@questline/proto/catalog/v1/catalog_pb";
import { Elysia } from "elysia";
import { createLogger } from "../logger";
import { createTestIssuer } from "../testing/token-issuer";
import { createTokenVerifier } from "../tokens";
import { mountConnect } from "./connect-on-elysia";
import type { RpcRoutes } from "./routes";

const echoName: RpcRoutes = (router) =>
  router.service(QuestCatalogService, {
    getQuest: (request) => ({
      quest: create(QuestSchema, { name: `echo ${String(request.key.value)}` }),
    }),
  });

const logger = createLogger({ service: "test", level: "error", write: () => undefined });
const issuer = await createTestIssuer();
const verifier = createTokenVerifier({ ...issuer, jwks: issuer.jwks });
const token = await issuer.sign({ sub: "player", tid: "default", roles: ["player"] });

test.each([true, false])("a Connect-JSON call reaches its handler with aot: %p", async (aot) => {
  const app = mountConnect(new Elysia({ aot }), echoName, { logger, verifier });
  const response = await app.handle(
    new Request("http://rpc.test/questline.catalog.v1.QuestCatalogService/GetQuest", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: "sign-up" }),
    }),
  );
  expect(response.status).toBe(200);
  const expected = create(GetQuestResponseSchema, {
    quest: create(QuestSchema, { name: "echo sign-up" }),
  });
  expect(await response.json()).toEqual(toJson(GetQuestResponseSchema, expected) as object);
});
