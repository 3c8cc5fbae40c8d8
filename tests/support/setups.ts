/**
 * The setups every cross-service suite runs on, for `describeEach`: each runtime (Bun, Deno) with
 * each storage (SQLite files; Postgres + Redis). A runtime or store this machine lacks is a
 * skipped variant with a `SKIP` line (a failure under CI), never a silent gap.
 */
import { missingUnless } from "@questline/kit/testing/env";
import { postgresMissing } from "@questline/kit/testing/postgres";
import { redisMissing } from "@questline/kit/testing/redis";
import type { Variant } from "@questline/kit/testing/variants";
import {
  DENO_VERSION,
  denoBinary,
  RUNTIMES,
  type ServiceRuntime,
} from "../../scripts/dev/runtimes";
import type { SystemOptions } from "./system";

const RUNTIME_NAMES = { bun: "Bun", deno: "Deno" } as const;

/** Why a runtime cannot run here (Deno not installed), or undefined. */
export function runtimeMissing(runtime: ServiceRuntime): string | undefined {
  if (runtime === "bun") return undefined;
  return missingUnless(
    denoBinary() !== undefined,
    `Deno ${DENO_VERSION}`,
    "QUESTLINE_DENO or .tools/deno (npm test installs it)",
  );
}

/** The runtimes as variants, for suites that need no storage choice. */
export const runtimeVariants = (): Variant<ServiceRuntime>[] =>
  RUNTIMES.map((runtime) => ({
    name: RUNTIME_NAMES[runtime],
    value: runtime,
    missing: runtimeMissing(runtime),
  }));

/** One variant per runtime and storage: `SQLite on Bun`, `Postgres + Redis on Deno`, … */
export async function systemSetups(): Promise<Variant<SystemOptions>[]> {
  const stores: Variant<SystemOptions>[] = [
    { name: "SQLite", value: { dialect: "sqlite", redis: false } },
    {
      name: "Postgres + Redis",
      value: { dialect: "postgres", redis: true },
      missing: (await postgresMissing()) ?? (await redisMissing()),
    },
  ];
  return runtimeVariants().flatMap((runtime) =>
    stores.map(
      (store): Variant<SystemOptions> => ({
        name: `${store.name} on ${runtime.name}`,
        value: { ...store.value, runtime: runtime.value },
        missing: runtime.missing ?? store.missing,
      }),
    ),
  );
}
