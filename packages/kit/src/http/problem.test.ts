import { describe, expect, test } from "bun:test";
import { AppError, invalid, rateLimited } from "../errors";
import { toProblem } from "./problem";

describe("toProblem", () => {
  test("writes an AppError as problem+json with its field and the request id", async () => {
    const response = toProblem(invalid("rewards/0/qty", "qty must be at least 1"), "req-1");
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toEqual({
      type: "urn:questline:problem:invalid_field",
      title: "Validation failed",
      status: 422,
      detail: "qty must be at least 1",
      code: "invalid_field",
      field: "rewards/0/qty",
      request_id: "req-1",
    });
  });

  test("sets retry-after in whole seconds", () => {
    expect(toProblem(rateLimited(1.2)).headers.get("retry-after")).toBe("2");
    expect(toProblem(new AppError("conflict", "c", "d")).headers.get("retry-after")).toBeNull();
  });

  test("turns anything unexpected into a 500 that says nothing of it", async () => {
    const response = toProblem(new TypeError("cannot read secret_key of undefined"));
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toMatchObject({ code: "internal", status: 500 });
    expect(text).not.toContain("secret_key");
  });
});
