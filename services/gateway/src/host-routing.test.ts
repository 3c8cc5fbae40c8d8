/**
 * The gateway routes on the path alone, whatever the Host header says: Elysia found the path after
 * the 11th character of the URL, so `Host: api` made every API route a 404 and `Host: x` routed
 * `GET /ab/api/v1/quest` as `/api/v1/quest` while forwarding `/ab/api/v1/quest`.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { rawRequest } from "@questline/kit/testing/raw-http";
import { startTestGateway, startUpstream, type TestGateway } from "./testing/harness";

const seen: string[] = [];
let upstream: ReturnType<typeof startUpstream>;
let gateway: TestGateway;

beforeAll(async () => {
  upstream = startUpstream((request) => {
    seen.push(new URL(request.url).pathname);
    return Response.json({ path: new URL(request.url).pathname });
  });
  gateway = await startTestGateway({
    AUTH_URL: upstream.url,
    CATALOG_URL: upstream.url,
    PROCESSING_URL: upstream.url,
  });
});

afterAll(async () => {
  await gateway.close();
  upstream.stop();
});

for (const host of ["a", "ab", "api", "api.example", "127.0.0.1:8000"]) {
  test(`Host: ${host} reaches the route of the path, forwarded as it is`, async () => {
    seen.length = 0;
    const answer = await rawRequest(
      gateway.url,
      `GET /api/v1/quest/sign-up HTTP/1.1\r\nhost: ${host}`,
    );
    expect(answer.status).toBe(200);
    expect(seen).toEqual(["/api/v1/quest/sign-up"]);
  });
}

test("Host: x with /ab/api/v1/quest is no route: nothing is forwarded", async () => {
  seen.length = 0;
  const answer = await rawRequest(gateway.url, "GET /ab/api/v1/quest HTTP/1.1\r\nhost: x");
  expect(answer.status).toBe(404);
  expect(answer.headers["content-type"]).toBe("application/problem+json");
  expect(seen).toEqual([]);
});
