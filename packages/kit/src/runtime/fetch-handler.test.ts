import { expect, test } from "bun:test";
import { Elysia } from "elysia";
import type { ConnectionHooks } from "./connection";
import { fetchHandler } from "./fetch-handler";

/** An app whose handler reports what the host told it about the connection, as handlers ask. */
const peerApp = () =>
  new Elysia().get("/peer", ({ request, server }) => {
    const hooks = server as unknown as ConnectionHooks | null;
    hooks?.timeout(request, 0);
    return { peer: hooks?.requestIP(request)?.address ?? null };
  });

test("an app served as a plain fetch handler answers, with the peer its platform names", async () => {
  const handle = fetchHandler(peerApp(), {
    peerAddress: (request) => request.headers.get("cf-connecting-ip") ?? undefined,
  });
  const named = await handle(
    new Request("http://edge.test/peer", { headers: { "cf-connecting-ip": "203.0.113.7" } }),
  );
  expect(await named.json()).toEqual({ peer: "203.0.113.7" });
  const unnamed = await handle(new Request("http://edge.test/peer"));
  expect(await unnamed.json()).toEqual({ peer: null });
});

test("without a way to learn the peer, requestIP is null rather than made up", async () => {
  const handle = fetchHandler(peerApp());
  const response = await handle(
    new Request("http://edge.test/peer", { headers: { "x-forwarded-for": "198.51.100.1" } }),
  );
  expect(await response.json()).toEqual({ peer: null });
});
