/**
 * Not a test of Questline: a promise rejected while the file loads, which Bun reports as an error
 * outside any test (and runs none of the file's tests), for the test of the test command.
 */
import { test } from "bun:test";

Promise.reject(new Error("nobody waited for this promise"));

test("never runs", () => undefined);
