import { RedisClient } from "bun";
import { redisUrl } from "./env";

/**
 * Upstash's REST protocol in front of a real Redis, for tests of the `@upstash/redis` path:
 * `POST /` runs one command (a JSON array), `POST /pipeline` and `POST /multi-exec` run several.
 * Answers `{result}` or `{error}` as Upstash does, base64-encoding strings when the client sends
 * `Upstash-Encoding: base64` (its default).
 */
export interface UpstashEndpoint {
  url: string;
  token: string;
  /** While down, every call answers 503, as an unreachable region would fail. */
  setDown(down: boolean): void;
  stop(): Promise<void>;
}

type Command = (string | number)[];
type Reply = { result: unknown } | { error: string };

export function startUpstashEndpoint(backingUrl = redisUrl()): UpstashEndpoint {
  const token = crypto.randomUUID();
  const redis = new RedisClient(backingUrl);
  let down = false;

  const run = async (client: RedisClient, command: Command, base64: boolean): Promise<Reply> => {
    const [name, ...args] = command.map(String);
    if (!name) return { error: "ERR empty command" };
    try {
      const result: unknown = await client.send(name.toUpperCase(), args);
      return { result: base64 ? encode(result) : result };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  };

  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(request) {
      if (down) return Response.json({ error: "Service unavailable" }, { status: 503 });
      if (request.headers.get("authorization") !== `Bearer ${token}`) {
        return Response.json({ error: "Unauthorized" }, { status: 401 });
      }
      const base64 = request.headers.get("upstash-encoding") === "base64";
      const body: unknown = await request.json().catch(() => undefined);
      const path = new URL(request.url).pathname;
      if (path === "/" && isCommand(body)) {
        const reply = await run(redis, body, base64);
        return Response.json(reply, { status: "error" in reply ? 400 : 200 });
      }
      if (path === "/pipeline" && Array.isArray(body) && body.every(isCommand)) {
        return Response.json(await Promise.all(body.map((command) => run(redis, command, base64))));
      }
      if (path === "/multi-exec" && Array.isArray(body) && body.every(isCommand)) {
        return Response.json(await multiExec(body, base64));
      }
      return Response.json({ error: "ERR malformed request" }, { status: 400 });
    },
  });

  async function multiExec(commands: Command[], base64: boolean): Promise<Reply[]> {
    // A connection of its own, so no other request's command lands inside the transaction.
    const client = new RedisClient(backingUrl);
    try {
      await client.send("MULTI", []);
      for (const command of commands) await run(client, command, false);
      const results: unknown = await client.send("EXEC", []);
      return Array.isArray(results)
        ? results.map((result) => ({ result: base64 ? encode(result) : result }))
        : [{ error: "EXECABORT Transaction discarded" }];
    } finally {
      client.close();
    }
  }

  return {
    url: `http://127.0.0.1:${server.port}`,
    token,
    setDown(value) {
      down = value;
    },
    async stop() {
      await server.stop(true);
      redis.close();
    },
  };
}

function isCommand(value: unknown): value is Command {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((part) => typeof part === "string" || typeof part === "number")
  );
}

/** Upstash encodes every string (bulk or status) in base64, leaves numbers and nulls alone. */
function encode(value: unknown): unknown {
  if (typeof value === "string") return Buffer.from(value, "utf8").toString("base64");
  if (Array.isArray(value)) return value.map(encode);
  return value;
}
