import { RedisClient } from "bun";
import { missingUnless, redisUrl } from "./env";

let probe: Promise<string | undefined> | undefined;

/** Why the test Redis cannot be used here, or undefined when it answers PING; probed once a process. */
export function redisMissing(): Promise<string | undefined> {
  probe ??= reachable(redisUrl()).then((ok) => missingUnless(ok, "Redis", redisUrl()));
  return probe;
}

async function reachable(url: string): Promise<boolean> {
  const client = new RedisClient(url, {
    connectionTimeout: 2000,
    autoReconnect: false,
    enableOfflineQueue: false,
  });
  try {
    await client.connect();
    return (await client.send("PING", [])) === "PONG";
  } catch {
    return false;
  } finally {
    client.close();
  }
}
