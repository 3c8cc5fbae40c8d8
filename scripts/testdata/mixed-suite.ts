/**
 * Not a test of Questline: a suite with one test of each outcome, for the test of the test command
 * (scripts/test-summary.test.ts). Its name does not end in `.test.ts`, so only an explicit path runs it.
 */
import { expect, test } from "bun:test";

test("passes", () => expect(1 + 1).toBe(2));
test("fails", () => expect(1 + 1).toBe(3));
test.skip("is skipped", () => undefined);
test.todo("is still to write");
