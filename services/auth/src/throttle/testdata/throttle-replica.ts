/**
 * Test support, not shipped: one auth replica's login throttle in a process of its own, on the
 * Redis at argv[2] under the key prefix argv[3] (3 attempts per account). Each line read on stdin
 * is a user name whose sign-in fails; one line is written back per attempt: `counted` or
 * `locked <seconds>`.
 */
import { createInterface } from "node:readline";
import { createCache } from "@questline/kit/cache/create-cache";
import { withPrefix } from "@questline/kit/cache/prefixed";
import { isAppError } from "@questline/kit/errors";
import { createLogger } from "@questline/kit/logger";
import { createLoginThrottle } from "../login-throttle";

const [redisUrl, prefix] = process.argv.slice(2);
if (!redisUrl || !prefix) throw new Error("usage: throttle-replica.ts <redis url> <key prefix>");
const logger = createLogger({ service: "auth", write: () => undefined });
const cache = withPrefix(createCache({ redisUrl, logger }), prefix);
const throttle = createLoginThrottle({ cache, maxAttemptsPerAccount: 3 });

for await (const userName of createInterface({ input: process.stdin })) {
  try {
    const attempt = await throttle.begin({ tenantId: "default", userName, address: "192.0.2.1" });
    await attempt.failed();
    process.stdout.write("counted\n");
  } catch (error) {
    if (!isAppError(error) || error.status !== 429) throw error;
    process.stdout.write(`locked ${error.retryAfter}\n`);
  }
}
await cache.close();
