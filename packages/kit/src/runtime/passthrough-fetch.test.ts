import { afterAll, expect, test } from "bun:test";
import { gzipSync } from "node:zlib";
import { passthroughFetchBun } from "./bun/passthrough-fetch-bun";
import { passthroughFetchPortable } from "./passthrough-fetch";

const TEXT = "hello ".repeat(500);
let askedFor: string[] = [];
// An upstream that compresses whatever the request allows, as a CDN or another proxy might.
const upstream = Bun.serve({
  port: 0,
  hostname: "127.0.0.1",
  fetch(request) {
    const accepted = request.headers.get("accept-encoding") ?? "";
    askedFor.push(accepted);
    const always = new URL(request.url).pathname === "/always";
    if (!accepted.includes("gzip") && !always) {
      return new Response(TEXT, { headers: { "x-kept": "yes" } });
    }
    return new Response(gzipSync(TEXT), {
      headers: { "content-encoding": "gzip", "x-kept": "yes" },
    });
  },
});
afterAll(() => upstream.stop(true));
const url = `http://127.0.0.1:${upstream.port}/`;

test("on Bun the client's bytes pass through as the upstream sent them", async () => {
  askedFor = [];
  const headers = new Headers({ "accept-encoding": "gzip" });
  const response = await passthroughFetchBun(url, { headers }, { streaming: false });
  expect(response.headers.get("content-encoding")).toBe("gzip");
  expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array(gzipSync(TEXT)));
});

test("elsewhere the upstream is asked for plain bytes, so what passes is what the headers say", async () => {
  askedFor = [];
  const headers = new Headers({ "accept-encoding": "gzip, br" });
  const response = await passthroughFetchPortable(url, { headers });
  expect(askedFor).toEqual(["identity"]);
  expect(response.headers.get("content-encoding")).toBeNull();
  expect(response.headers.get("x-kept")).toBe("yes");
  expect(await response.text()).toBe(TEXT);
});

test("elsewhere an upstream that compresses anyway reaches the client decoded, without its encoding", async () => {
  const headers = new Headers();
  const response = await passthroughFetchPortable(`${url}always`, { headers });
  expect(response.headers.get("content-encoding")).toBeNull();
  expect(response.headers.get("content-length")).toBeNull();
  expect(await response.text()).toBe(TEXT);
});
