import { RedisClient } from "bun";
import { redisUrl, reportAvailability } from "./env";

let probe: Promise<boolean> | undefined;

/** True when the test Redis answers PING; probed once per process (see `reportAvailability`). */
export function redisAvailable(): Promise<boolean> {
  probe ??= reachable(redisUrl()).then((ok) => reportAvailability("Redis", redisUrl(), ok));
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
