/**
 * Not a test of Questline: a suite whose guard throws while the file loads (as a missing service
 * does under CI), for the test of the test command. Bun counts this as a failed test and an error.
 */
import { test } from "bun:test";

const available = await Promise.resolve(false);
if (!available) throw new Error("the guard refused to load this suite");

test("never registered", () => undefined);
