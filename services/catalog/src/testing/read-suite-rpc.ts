/**
 * The RPC half of the catalog's read suite (`read-suite.ts`): `GetQuest` and `ListQuests` over
 * Connect and gRPC-Web on the target's HTTP URL, and over native gRPC where the target serves it
 * (the catalog process does; the edge cannot).
 */
import { describe, expect, test } from "bun:test";
import { Code, createClient } from "@connectrpc/connect";
import { ERROR_CODE_HEADER } from "@questline/kit/rpc/errors";
import { connectErrorOf, rpcProtocols } from "@questline/kit/testing/rpc-protocols";
import { QuestCatalogService, QuestStatus } from "@questline/proto/catalog/v1/catalog_pb";
import { EXAMPLE_QUESTS } from "../quests/examples";
import type { ReadTarget } from "./read-suite";

interface SuiteActors {
  player(): string;
  admin(): string;
  create(overrides?: Record<string, unknown>): Promise<{ id: number; name: string }>;
}

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

export function readSuiteRpc(
  target: () => ReadTarget,
  actors: SuiteActors,
  options: { grpc: boolean },
): void {
  const listeners = () => ({ httpUrl: target().httpUrl, grpcUrl: target().grpcUrl ?? "" });
  const protocols = rpcProtocols(listeners, {
    only: options.grpc ? undefined : ["Connect", "gRPC-Web"],
  });

  describe.each(protocols)("GetQuest and ListQuests over %s", (_protocol, transport) => {
    const client = () => createClient(QuestCatalogService, transport());

    test("a player gets an example quest by name and by id, and lists them all", async () => {
      const byName = await client().getQuest(
        { key: { case: "name", value: "sign-in-three-times" } },
        bearer(actors.player()),
      );
      expect(byName.quest).toMatchObject({
        name: "sign-in-three-times",
        target: 3,
        maxCompletions: 2,
        status: QuestStatus.PUBLISHED,
        rewards: [{ item: "diamond", qty: 10 }],
      });
      const id = byName.quest?.id ?? 0n;
      const byId = await client().getQuest(
        { key: { case: "id", value: id } },
        bearer(actors.player()),
      );
      expect(byId.quest?.name).toBe("sign-in-three-times");
      const list = await client().listQuests({}, bearer(actors.player()));
      expect(list.quests.map((quest) => quest.name)).toEqual(
        expect.arrayContaining(EXAMPLE_QUESTS.map((quest) => quest.name)),
      );
    });

    test("a draft is NotFound for a player and listed for an admin", async () => {
      const draft = await actors.create();
      const hidden = await connectErrorOf(
        client().getQuest({ key: { case: "name", value: draft.name } }, bearer(actors.player())),
      );
      expect([hidden.code, hidden.metadata.get(ERROR_CODE_HEADER)]).toEqual([
        Code.NotFound,
        "quest_not_found",
      ]);
      const listed = await client().listQuests({}, bearer(actors.admin()));
      expect(listed.quests.map((quest) => quest.name)).toContain(draft.name);
    });

    test("a call without a token is Unauthenticated", async () => {
      const refused = await connectErrorOf(client().listQuests({}));
      expect([refused.code, refused.metadata.get(ERROR_CODE_HEADER)]).toEqual([
        Code.Unauthenticated,
        "invalid_token",
      ]);
    });
  });
}
