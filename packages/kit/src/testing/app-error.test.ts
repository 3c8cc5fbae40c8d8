import { describe, expect, test } from "bun:test";
import { conflict, notFound } from "../errors";
import { appErrorOf } from "./app-error";

describe("appErrorOf", () => {
  test("returns the AppError a function throws, synchronously", () => {
    const error = appErrorOf(() => {
      throw conflict("version_conflict", "Someone else changed it");
    });
    expect([error.status, error.code]).toEqual([409, "version_conflict"]);
  });

  test("returns the AppError a promise, or an async function, rejects with", async () => {
    const rejected = Promise.reject(notFound("quest_not_found", "No such quest"));
    expect((await appErrorOf(rejected)).code).toBe("quest_not_found");
    const refused = await appErrorOf(async () => {
      throw notFound("user_not_found", "No such user");
    });
    expect(refused.code).toBe("user_not_found");
  });

  test("rethrows anything that is not an AppError, as is", async () => {
    const bug = new TypeError("undefined is not a function");
    expect(() =>
      appErrorOf(() => {
        throw bug;
      }),
    ).toThrow(bug);
    await expect(appErrorOf(Promise.reject(bug))).rejects.toBe(bug);
  });

  test("a call that succeeds fails the test, sync or async", async () => {
    expect(() => appErrorOf(() => 42)).toThrow("expected an AppError, but the call succeeded");
    await expect(appErrorOf(Promise.resolve(42))).rejects.toThrow(
      "expected an AppError, but the call succeeded",
    );
  });
});
