/**
 * The setups every cross-service suite runs on: each runtime (Bun, Deno) with each storage
 * (SQLite files; Postgres + Redis when they answer). A runtime or store that is missing is a
 * visible `SKIP:` line locally and a failure under CI, never a silent gap.
 */
import { reportAvailability } from "@questline/kit/testing/env";
import { postgresAvailable } from "@questline/kit/testing/postgres";
import { redisAvailable } from "@questline/kit/testing/redis";
import { DENO_VERSION, denoBinary, RUNTIMES } from "../../scripts/dev/runtimes";
import type { SystemOptions } from "./system";

export type SystemSetup = [name: string, options: SystemOptions];

const RUNTIME_NAMES = { bun: "Bun", deno: "Deno" } as const;

/** `[name, options]` per runtime and storage, for `describe.each`. */
export async function systemSetups(
  storages: "sqlite" | "every storage" = "every storage",
): Promise<SystemSetup[]> {
  const stores: SystemSetup[] = [["SQLite", { dialect: "sqlite", redis: false }]];
  if (storages === "every storage" && (await postgresAvailable()) && (await redisAvailable())) {
    stores.push(["Postgres + Redis", { dialect: "postgres", redis: true }]);
  }
  const runtimes = RUNTIMES.filter(
    (runtime) =>
      runtime === "bun" ||
      reportAvailability(`Deno ${DENO_VERSION}`, "QUESTLINE_DENO", denoBinary() !== undefined),
  );
  return runtimes.flatMap((runtime) =>
    stores.map(
      ([store, options]): SystemSetup => [
        `${store} on ${RUNTIME_NAMES[runtime]}`,
        { ...options, runtime },
      ],
    ),
  );
}
