/**
 * Which client address auth's sign-in throttle charges, over a real listener so the socket's peer
 * is real: X-Forwarded-For is believed only from a peer in TRUSTED_PROXIES (the gateway). Loopback
 * has more than one address, so the gateway speaks from 127.0.0.1 and a caller that reaches auth
 * directly from 127.0.0.2.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { request } from "node:http";
import { jsonClient, type Send } from "@questline/kit/testing/json-client";
import { type AuthHarness, startAuth } from "../testing/harness";

const GATEWAY = "127.0.0.1";
const DIRECT = "127.0.0.2";
const ANOTHER_DIRECT = "127.0.0.3";

interface Listening {
  auth: AuthHarness;
  port: number;
}

async function listeningAuth(env: Record<string, string>): Promise<Listening> {
  const auth = await startAuth("sqlite", {
    TRUSTED_PROXY_HEADER: "x-forwarded-for",
    TRUSTED_PROXIES: `${GATEWAY}/32`,
    ...env,
  });
  auth.service.app.listen({ port: 0, hostname: "127.0.0.1" });
  const port = auth.service.app.server?.port;
  if (port === undefined) throw new Error("auth did not listen");
  return { auth, port };
}

/** Sends `request` over a connection from `localAddress` (fetch cannot choose one). */
const sendFrom =
  (localAddress: string): Send =>
  async (outgoing) => {
    const url = new URL(outgoing.url);
    const body = Buffer.from(await outgoing.arrayBuffer());
    return new Promise<Response>((resolve, reject) => {
      const call = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: outgoing.method,
          localAddress,
          headers: Object.fromEntries(outgoing.headers),
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
          incoming.on("end", () =>
            resolve(new Response(Buffer.concat(chunks), { status: incoming.statusCode })),
          );
        },
      );
      call.on("error", reject);
      call.end(body);
    });
  };

/** A failed sign-in (an unknown user each time, so no account lock interferes); its status. */
async function signInFrom(
  { port }: Listening,
  localAddress: string,
  userName: string,
  forwardedFor?: string,
): Promise<number> {
  const call = jsonClient(sendFrom(localAddress), `http://127.0.0.1:${port}`);
  const answer = await call("POST", "/api/v1/auth/signin", {
    body: { user_name: userName, password: "not the password" },
    headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
  });
  return answer.status;
}

describe("auth reached directly, not through the gateway", () => {
  let target: Listening;
  beforeAll(async () => {
    target = await listeningAuth({});
  });
  afterAll(() => target.auth.close());

  test("rotating X-Forwarded-For does not escape the per-address lock", async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 120; attempt++) {
      const spoofed = `198.51.${Math.floor(attempt / 250)}.${(attempt % 250) + 1}`;
      statuses.push(await signInFrom(target, DIRECT, `nobody-${attempt}`, spoofed));
    }
    // Past LOGIN_MAX_FAILURES_PER_ADDRESS (50) failures the caller's own address is locked.
    expect(statuses.slice(0, 51)).toEqual(Array(51).fill(401));
    expect(statuses.slice(51)).toEqual(Array(69).fill(429));
    // The lock is on the caller's socket address, not on everyone.
    expect(await signInFrom(target, ANOTHER_DIRECT, "nobody-else", "198.51.0.1")).toBe(401);
  });
});

describe("auth behind the gateway it trusts", () => {
  let target: Listening;
  beforeAll(async () => {
    target = await listeningAuth({ LOGIN_MAX_FAILURES_PER_ADDRESS: "3" });
  });
  afterAll(() => target.auth.close());

  test("each client address the gateway forwards is counted on its own", async () => {
    // The gateway appends the address it determined; the first entry is whatever the client sent.
    const via = (client: string) => `203.0.113.50, ${client}`;
    for (let account = 0; account < 4; account++) {
      expect(await signInFrom(target, GATEWAY, `victim${account}`, via("198.51.100.7"))).toBe(401);
    }
    expect(await signInFrom(target, GATEWAY, "victim4", via("198.51.100.7"))).toBe(429);
    // Only the gateway's (last) entry counts: a client-forged first entry changes nothing.
    expect(await signInFrom(target, GATEWAY, "victim5", "1.2.3.4, 198.51.100.7")).toBe(429);
    expect(await signInFrom(target, GATEWAY, "victim5", via("198.51.100.8"))).toBe(401);
  });
});
