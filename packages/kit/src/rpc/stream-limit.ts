/**
 * The stream limits of `streams/stream-slots` as a Connect interceptor, for every streaming RPC of
 * a service (`WatchQuests` today). A call over a limit fails at once with ResourceExhausted
 * (`too_many_streams`, Retry-After in the metadata); a slot is given back when the stream ends,
 * however it ends. `service` callers (processing watching each tenant) are not counted: they are
 * ours, and one watch per tenant would otherwise hit the per-caller limit.
 */
import { createContextKey, type Interceptor } from "@connectrpc/connect";
import { rateLimited } from "../errors";
import { hasRole } from "../principal";
import {
  principalKeyOf,
  STREAM_RETRY_AFTER_SECONDS,
  type StreamSlots,
  streamRefusalDetail,
} from "../streams/stream-slots";
import { principalKey } from "./auth";

/**
 * The client's address, put in a call's context values by the listener that received it, worked
 * out only when asked (only streams need it; unary calls are the hot path).
 */
export const clientAddressKey = createContextKey<() => string>(() => "unknown", {
  description: "The address of the client that made the call",
});

async function* releasing<T>(messages: AsyncIterable<T>, release: () => void): AsyncIterable<T> {
  try {
    yield* messages;
  } finally {
    release();
  }
}

export function streamLimitInterceptor(slots: StreamSlots): Interceptor {
  return (next) => async (request) => {
    if (request.method.methodKind === "unary") return next(request);
    const principal = request.contextValues.get(principalKey);
    if (principal !== undefined && hasRole(principal, "service")) return next(request);
    const admission = slots.admit({
      principal: principal && principalKeyOf(principal),
      address: request.contextValues.get(clientAddressKey)(),
    });
    if (!admission.admitted) {
      throw rateLimited(
        STREAM_RETRY_AFTER_SECONDS,
        streamRefusalDetail(admission.scope, admission.limit),
        "too_many_streams",
      );
    }
    try {
      const response = await next(request);
      if (!response.stream) {
        admission.release();
        return response;
      }
      return { ...response, message: releasing(response.message, admission.release) };
    } catch (error) {
      admission.release();
      throw error;
    }
  };
}
