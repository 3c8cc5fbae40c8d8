/**
 * How the fuzz suites run fast-check: one fixed seed (deterministic; `QUESTLINE_FUZZ_SEED` picks
 * another), a run count per property (`QUESTLINE_FUZZ_RUNS` scales them), the seed printed when a
 * property fails so the failure can be replayed, and the system settings they need.
 */

import type { Variant } from "@questline/kit/testing/variants";
import fc from "fast-check";
import { hostileSetups } from "./hostile";
import type { SystemOptions } from "./system";

export const FUZZ_SEED = Number(process.env.QUESTLINE_FUZZ_SEED ?? 14_2026);
const SCALE = Number(process.env.QUESTLINE_FUZZ_RUNS ?? 1);

/** Runs `property` `runs` times (scaled) from the suite's seed; prints how to replay a failure. */
export async function fuzz<T>(
  name: string,
  property: fc.IAsyncPropertyWithHooks<T> | fc.IAsyncProperty<T>,
  runs: number,
): Promise<void> {
  try {
    await fc.assert(property, { seed: FUZZ_SEED, numRuns: Math.max(1, Math.round(runs * SCALE)) });
  } catch (error) {
    console.error(`fuzz "${name}" failed; replay with QUESTLINE_FUZZ_SEED=${FUZZ_SEED}`);
    throw error;
  }
}

/** The hostile suites' systems, with limits that random sign-ins must not trip. */
export async function fuzzSetups(): Promise<Variant<SystemOptions>[]> {
  return (await hostileSetups()).map((variant) => ({
    ...variant,
    value: {
      ...variant.value,
      env: {
        ...variant.value.env,
        LOGIN_MAX_ATTEMPTS: "1000000",
        LOGIN_MAX_FAILURES_PER_ADDRESS: "1000000",
      },
    },
  }));
}

/** Whether a Connect or gRPC status is one a well-behaved service may answer bad input with. */
export const CLIENT_FAULT_CODES = new Set([
  "canceled",
  "invalid_argument",
  "not_found",
  "already_exists",
  "permission_denied",
  "resource_exhausted",
  "failed_precondition",
  "aborted",
  "out_of_range",
  "unauthenticated",
]);

/** gRPC's numeric codes of the same (0 is OK). */
export const GRPC_CLIENT_FAULTS = new Set([0, 1, 3, 5, 6, 7, 8, 9, 10, 11, 16]);
