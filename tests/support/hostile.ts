/**
 * What the hostile-input suites share: the whole system on each storage (SQLite; Postgres + Redis
 * when both answer), with the settings the suites need, and the inputs the issue attacked with.
 */
import { postgresMissing } from "@questline/kit/testing/postgres";
import { type RawExchange, rawExchange } from "@questline/kit/testing/raw-http";
import { redisMissing } from "@questline/kit/testing/redis";
import type { Variant } from "@questline/kit/testing/variants";
import type { SystemOptions } from "./system";

/** `/metrics` needs this token everywhere in these suites (the gateway's included). */
export const METRICS_TOKEN = "hostile-metrics-token";

/** Light password hashing: the suites sign many users up; argon2id's cost is not what they test. */
const SYSTEM_ENV = {
  PASSWORD_MEMORY_KIB: "1024",
  PASSWORD_TIME_COST: "1",
  METRICS_TOKEN,
};

/** SQLite, and Postgres + Redis (skipped, or failing under CI, where they do not answer). */
export async function hostileSetups(): Promise<Variant<SystemOptions>[]> {
  return [
    { name: "SQLite", value: { dialect: "sqlite", redis: false, env: SYSTEM_ENV } },
    {
      name: "Postgres + Redis",
      value: { dialect: "postgres", redis: true, env: SYSTEM_ENV },
      missing: (await postgresMissing()) ?? (await redisMissing()),
    },
  ];
}

/** `depth` arrays nested in one another: the deep-nesting payload. */
export const nestedArrays = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

export const WATCH_QUESTS = "/questline.catalog.v1.QuestCatalogService/WatchQuests";
const EMPTY_ENVELOPE = "\x00\x00\x00\x00\x02{}";

/** One `WatchQuests` opened as the issue did: raw HTTP/1.1, Connect JSON, an empty envelope. */
export function openWatch(url: string, token: string): RawExchange {
  return rawExchange(
    url,
    [
      `POST ${WATCH_QUESTS} HTTP/1.1`,
      "host: questline.test",
      "content-type: application/connect+json",
      "connect-protocol-version: 1",
      `authorization: Bearer ${token}`,
      `content-length: ${EMPTY_ENVELOPE.length}`,
    ].join("\r\n"),
    EMPTY_ENVELOPE,
  );
}

/** The claims of a JWT, unverified (to read `sid` in assertions). */
export const claimsOf = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString());
