import { createHash } from "node:crypto";
import { openRedis } from "@questline/kit/runtime/redis";
import type { BucketLimit, Buckets, Decision } from "./buckets";

/**
 * One bucket per key as a Redis hash, refilled and taken from in one Lua script, so every gateway
 * replica shares the same buckets and two of them cannot both spend the last token. The time is
 * Redis's own, so replicas with skewed clocks agree.
 */
const TAKE_SCRIPT = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
local allowed = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  wait = math.ceil((1 - tokens) * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
return { allowed, wait }
`;

const SCRIPT_SHA = createHash("sha1").update(TAKE_SCRIPT).digest("hex");

function decisionOf(reply: unknown): Decision {
  if (!Array.isArray(reply) || reply.length !== 2) {
    throw new Error("Unexpected reply from the rate limit script");
  }
  return { allowed: Number(reply[0]) === 1, retryAfterMs: Number(reply[1]) };
}

/** Buckets in the Redis at `url`; a call fails at once while Redis is away (no offline queue). */
export function redisBuckets(url: string): Buckets {
  const redis = openRedis(url);
  const run = async (key: string, limit: BucketLimit) => {
    const args = ["1", key, String(limit.perSecond), String(limit.burst)];
    try {
      return await redis.send("EVALSHA", [SCRIPT_SHA, ...args]);
    } catch (error) {
      if (!String(error).includes("NOSCRIPT")) throw error;
      return redis.send("EVAL", [TAKE_SCRIPT, ...args]);
    }
  };

  return {
    kind: "redis",
    take: async (key, limit) => decisionOf(await run(key, limit)),
    async close() {
      redis.close();
    },
  };
}
