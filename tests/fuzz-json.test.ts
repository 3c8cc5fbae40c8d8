/**
 * Fuzzing every JSON body of the public API through the gateway, on SQLite and on Postgres +
 * Redis (fast-check, fixed seed: see `support/fuzz-run.ts`). For each route: mutations of a valid
 * body that must be refused are refused with a 4xx problem+json and write nothing (every table of
 * every service counted before and after); any body of any shape is answered without a 5xx; path
 * and query parameters too; and every service is still ready afterwards.
 */
import { afterAll, beforeAll, expect, setDefaultTimeout, test } from "bun:test";
import { describeEach } from "@questline/kit/testing/variants";
import fc from "fast-check";
import { restClient, uniqueName } from "./support/client";
import { fuzz, fuzzSetups } from "./support/fuzz-run";
import {
  anyBody,
  anyString,
  BODY_TARGETS,
  type BodyTarget,
  type Caller,
  type Refusable,
  refusedBodies,
  validShapedBodies,
} from "./support/fuzz-targets";
import { rowCounter } from "./support/row-counts";
import { DEV_ADMIN, startSystem, type TestSystem } from "./support/system";

setDefaultTimeout(90_000);
const REFUSALS_PER_ROUTE = 150;
const ANY_BODIES = 600;
const ANY_FIELD_VALUES = 600;
const ANY_PARAMETERS = 300;

/** Every byte of the text's UTF-8 percent-encoded (a lone surrogate becomes U+FFFD). */
const percentEncoded = (text: string) =>
  Array.from(
    new TextEncoder().encode(text),
    (byte) => `%${byte.toString(16).padStart(2, "0")}`,
  ).join("");

describeEach("JSON bodies fuzzed on %s", await fuzzSetups(), (setup) => {
  let system: TestSystem;
  let rows: Awaited<ReturnType<typeof rowCounter>>;
  const tokens: Partial<Record<Caller, string>> = {};
  let questId = 0;

  beforeAll(async () => {
    system = await startSystem(setup);
    const api = restClient(system.gatewayUrl);
    tokens.admin = (await api.signIn(DEV_ADMIN.user, DEV_ADMIN.password)).token;
    tokens.player = (await api.signUp(uniqueName("fuzzer"), "fuzzer password")).token;
    const created = await api.call<{ id: number }>("POST", "/api/v1/quest", {
      token: tokens.admin,
      body: {
        name: uniqueName("fuzzed"),
        title: "Fuzzed",
        trigger: "fuzz_action",
        target: 2,
        rewards: [{ item: "gold", qty: 1 }],
      },
    });
    questId = created.body.id;
    rows = await rowCounter(system);
    await rows.settled();
  }, 120_000);
  afterAll(async () => {
    await rows?.close();
    await system?.shutdown();
  });

  function send(target: BodyTarget, input: Refusable) {
    const token = tokens[target.caller];
    return fetch(`${system.gatewayUrl}${target.path.replace("{quest}", String(questId))}`, {
      method: target.method,
      headers: {
        "content-type": input.contentType,
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: input.body,
    });
  }

  /** A 4xx problem+json whose status and code agree with the response. */
  async function expectRefusal(response: Response, what: string) {
    const text = await response.text();
    const context = `${what} -> ${response.status} ${text.slice(0, 300)}`;
    if (response.status < 400 || response.status >= 500) throw new Error(`not a 4xx: ${context}`);
    if (response.headers.get("content-type") !== "application/problem+json") {
      throw new Error(`not problem+json: ${context}`);
    }
    const problem = JSON.parse(text) as { status?: number; code?: unknown };
    if (problem.status !== response.status || typeof problem.code !== "string") {
      throw new Error(`a problem that does not describe itself: ${context}`);
    }
  }

  for (const target of BODY_TARGETS) {
    test(`${target.method} ${target.path}: every invalid body is a 4xx problem and writes nothing`, async () => {
      const before = await rows.counts();
      await fuzz(
        `refused ${target.path}`,
        fc.asyncProperty(refusedBodies(target), async (input) => {
          await expectRefusal(
            await send(target, input),
            `${input.mutation}: ${input.body.slice(0, 200)}`,
          );
        }),
        REFUSALS_PER_ROUTE,
      );
      expect(await rows.counts()).toEqual(before);
    });
  }

  test("any string or number in any field of a valid body is answered without a 5xx", async () => {
    await fuzz(
      "any field value",
      fc.asyncProperty(
        fc
          .constantFrom(...BODY_TARGETS)
          .chain((target) => validShapedBodies(target).map((input) => [target, input] as const)),
        async ([target, input]) => {
          const response = await send(target, input);
          if (response.status >= 400)
            await expectRefusal(response, `${target.path} ${input.body.slice(0, 200)}`);
          else await response.body?.cancel();
        },
      ),
      ANY_FIELD_VALUES,
    );
  });

  test("any body on any route is answered without a 5xx; errors are problem+json", async () => {
    await fuzz(
      "any body",
      fc.asyncProperty(fc.constantFrom(...BODY_TARGETS), anyBody(), async (target, input) => {
        const response = await send(target, input);
        if (response.status >= 400)
          await expectRefusal(response, `${target.path} ${input.body.slice(0, 200)}`);
        else await response.body?.cancel();
      }),
      ANY_BODIES,
    );
  });

  test("any path or query parameter is answered without a 5xx", async () => {
    const paths = [
      (value: string) => `/api/v1/quest/get/${value}`,
      (value: string) => `/api/v1/quest/${value}`,
      (value: string) => `/api/v1/track/quests/${value}/start`,
      (value: string) => `/api/v1/track/history?after=${value}&limit=${value}`,
      (value: string) => `/api/v1/auth/wallet/ledger?before=${value}&limit=${value}`,
      (value: string) => `/api/v1/track/admin/users/${value}/progress`,
    ];
    await fuzz(
      "any parameter",
      fc.asyncProperty(fc.constantFrom(...paths.keys()), anyString, async (index, value) => {
        const path = paths[index]?.(percentEncoded(value)) ?? "";
        const method = path.endsWith("/start") ? "POST" : "GET";
        const response = await fetch(`${system.gatewayUrl}${path}`, {
          method,
          headers: { authorization: `Bearer ${method === "POST" ? tokens.player : tokens.admin}` },
        });
        // A request line past ~16 KB is refused by Bun's parser itself, before any code of ours,
        // with an empty 431 (docs/development.md, "Errors the runtime answers itself").
        if (response.status === 431) await response.body?.cancel();
        else if (response.status >= 400) await expectRefusal(response, path.slice(0, 200));
        else await response.body?.cancel();
      }),
      ANY_PARAMETERS,
    );
  });

  test("afterwards every service is ready", async () => {
    const ready = await fetch(`${system.gatewayUrl}/ready`);
    expect([ready.status, await ready.json()]).toEqual([
      200,
      { status: "ok", checks: { auth: "ok", catalog: "ok", processing: "ok" } },
    ]);
  });
});
