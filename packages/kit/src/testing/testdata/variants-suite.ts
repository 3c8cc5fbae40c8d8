/**
 * Not a test of its own: a suite on two variants, one of them missing, for variants.test.ts (which
 * runs it with and without CI). Its name does not end in `.test.ts`: only an explicit path runs it.
 */
import { beforeAll, expect, test } from "bun:test";
import { describeEach } from "../variants";

let setUp: string | undefined;

describeEach(
  "suite on %s",
  [
    { name: "here", value: "here" },
    { name: "away", value: "away", missing: "Away not reachable at nowhere:1" },
  ],
  (value) => {
    beforeAll(() => {
      setUp = value;
    });
    test("first", () => expect(setUp).toBe(value));
    test("second", () => expect(setUp).toBe(value));
  },
);
