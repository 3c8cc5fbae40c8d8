import { expect, spyOn, test } from "bun:test";
import worker from "./worker";

test("a missing setting is a 503 problem for the caller and a log line naming the variable", async () => {
  const logged: string[] = [];
  const error = spyOn(console, "error").mockImplementation((line: string) => logged.push(line));
  try {
    // workerd passes a binding whose variable is unset as null; nothing else names a database.
    const bindings = { DATABASE_URL: null, UPSTASH_REDIS_REST_URL: null };
    const response = await worker.fetch(new Request("http://edge.test/health"), bindings);
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    const body = await response.json();
    expect(body.code).toBe("misconfigured");
    expect(JSON.stringify(body)).not.toContain("DATABASE_URL");
    expect(logged.join("\n")).toContain("DATABASE_URL: is required");
  } finally {
    error.mockRestore();
  }
});
