import { describe, test } from "bun:test";
import { isCI } from "./env";

/** One variant a suite runs on (a dialect, a cache, a backend) and, when it cannot run here, why. */
export interface Variant<T> {
  name: string;
  value: T;
  /** Why this variant cannot run here (`Redis not reachable at …`); absent when it can. */
  missing?: string;
}

/**
 * Registers `suite` once per variant, titled `title` with `%s` replaced by the variant's name. A
 * variant that cannot run here is registered all the same, so the run's counts show it: as a
 * skipped suite (every test in it counted as skipped, with a `SKIP` line saying why), or, under CI,
 * as one failing test naming what is missing. `suite` only registers tests and hooks: a skipped
 * suite's body still runs, its hooks and tests do not.
 */
export function describeEach<T>(
  title: string,
  variants: readonly Variant<T>[],
  suite: (value: T, name: string) => void,
): void {
  for (const variant of variants) {
    const label = title.replaceAll("%s", variant.name);
    const body = () => suite(variant.value, variant.name);
    if (variant.missing === undefined) {
      describe(label, body);
    } else if (isCI()) {
      const reason = `${variant.missing}: CI runs every variant`;
      test(label, () => {
        throw new Error(reason);
      });
    } else {
      console.warn(`SKIP: ${label}: ${variant.missing}`);
      describe.skip(label, body);
    }
  }
}

/** `describeEach` for one suite that needs something this machine may lack. */
export function describeNeeding(title: string, missing: string | undefined, suite: () => void) {
  describeEach(title, [{ name: "", value: undefined, missing }], suite);
}
