import { describe, expect, test } from "bun:test";
import { createLogger } from "@questline/kit/logger";
import { originMatcher } from "./cors";
import { gatewayApp } from "./gateway-app";

const app = gatewayApp(
  {
    service: "gateway",
    version: "test",
    logger: createLogger({ service: "gateway", write: () => {} }),
    readiness: async () => ({}),
  },
  ["http://localhost:*", "http://127.0.0.1:*", "https://app.example.com"],
).get("/api/v1/quest", () => ({ quests: [] }));

const preflight = (origin: string, requestHeaders: string) =>
  app.handle(
    new Request("http://gateway.test/questline.catalog.v1.QuestCatalogService/WatchQuests", {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": requestHeaders,
      },
    }),
  );

describe("CORS", () => {
  test("a gRPC-Web preflight from an allowed origin is answered with the RPC headers", async () => {
    const response = await preflight("http://localhost:5173", "x-grpc-web, x-user-agent");
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    const allowed = response.headers.get("access-control-allow-headers") ?? "";
    for (const header of [
      "connect-protocol-version",
      "connect-timeout-ms",
      "x-grpc-web",
      "x-user-agent",
      "grpc-timeout",
      "authorization",
      "content-type",
      "idempotency-key",
      "x-tenant-id",
      "x-request-id",
    ]) {
      expect(allowed).toContain(header);
    }
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
  });

  test("a preflight from another origin is refused with a problem", async () => {
    const response = await preflight("https://evil.example.net", "authorization");
    expect(response.status).toBe(403);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect((await response.json()).code).toBe("origin_not_allowed");
  });

  test("answers to an allowed origin expose the gRPC status and request id headers", async () => {
    const response = await app.handle(
      new Request("http://gateway.test/api/v1/quest", {
        headers: { origin: "https://app.example.com" },
      }),
    );
    expect(response.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    const exposed = response.headers.get("access-control-expose-headers") ?? "";
    for (const header of [
      "grpc-status",
      "grpc-message",
      "grpc-status-details-bin",
      "retry-after",
    ]) {
      expect(exposed).toContain(header);
    }
    expect(exposed).toContain("x-request-id");
  });

  test("errors carry the CORS headers too, so a browser can read them", async () => {
    const response = await app.handle(
      new Request("http://gateway.test/nowhere", { headers: { origin: "http://127.0.0.1:8080" } }),
    );
    expect(response.status).toBe(404);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:8080");
  });

  test("origin patterns: any port of a host, exact origins, and nothing that merely starts alike", () => {
    const allowed = originMatcher(["http://localhost:*", "https://app.example.com"]);
    expect(allowed("http://localhost")).toBe(true);
    expect(allowed("http://localhost:3000")).toBe(true);
    expect(allowed("http://localhost.evil.net")).toBe(false);
    expect(allowed("http://localhost:3000.evil.net")).toBe(false);
    expect(allowed("https://localhost:3000")).toBe(false);
    expect(allowed("https://app.example.com")).toBe(true);
    expect(allowed("https://app.example.com.evil.net")).toBe(false);
    expect(originMatcher(["*"])("https://anything.example")).toBe(true);
  });
});
