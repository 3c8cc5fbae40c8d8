/**
 * RPC calls with bytes the caller picks, on each protocol a service speaks: Connect (unary and
 * streaming) and gRPC-Web on its HTTP port, gRPC on its gRPC port. Each answers the status the
 * service gave: a Connect code name, or "open" for a stream that started and was then closed.
 */
import { type ClientHttp2Session, connect as http2Connect } from "node:http2";
import { Code } from "@connectrpc/connect";

/** Connect's code names as they appear in its JSON errors, by gRPC number. */
const CODE_NAMES: Record<number, string> = {
  0: "ok",
  [Code.Canceled]: "canceled",
  [Code.Unknown]: "unknown",
  [Code.InvalidArgument]: "invalid_argument",
  [Code.DeadlineExceeded]: "deadline_exceeded",
  [Code.NotFound]: "not_found",
  [Code.AlreadyExists]: "already_exists",
  [Code.PermissionDenied]: "permission_denied",
  [Code.ResourceExhausted]: "resource_exhausted",
  [Code.FailedPrecondition]: "failed_precondition",
  [Code.Aborted]: "aborted",
  [Code.OutOfRange]: "out_of_range",
  [Code.Unimplemented]: "unimplemented",
  [Code.Internal]: "internal",
  [Code.Unavailable]: "unavailable",
  [Code.DataLoss]: "data_loss",
  [Code.Unauthenticated]: "unauthenticated",
};

/** One message in gRPC's envelope: a flags byte, a 4-byte length, the bytes. */
export function envelope(message: Uint8Array, flags = 0): Uint8Array<ArrayBuffer> {
  const framed = new Uint8Array(5 + message.length);
  framed[0] = flags;
  new DataView(framed.buffer).setUint32(1, message.length);
  framed.set(message, 5);
  return framed;
}

const bearer = (token: string | undefined): Record<string, string> =>
  token === undefined ? {} : { authorization: `Bearer ${token}` };

/** A unary Connect call with `body` as the request; the HTTP status and the code. */
export async function connectUnary(
  baseUrl: string,
  path: string,
  body: Uint8Array<ArrayBuffer> | string,
  token: string | undefined,
): Promise<{ status: number; code: string }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: {
      "content-type": typeof body === "string" ? "application/json" : "application/proto",
      "connect-protocol-version": "1",
      ...bearer(token),
    },
    body,
  });
  if (response.ok) {
    await response.body?.cancel();
    return { status: response.status, code: "ok" };
  }
  const text = await response.text();
  let code = `not a Connect error: ${text.slice(0, 200)}`;
  try {
    code = String((JSON.parse(text) as { code?: unknown }).code);
  } catch {}
  return { status: response.status, code };
}

/** Reads a framed response until its first message ("open") or its end ("ok" or the error). */
async function framedOutcome(response: Response, endOf: (frame: Uint8Array) => string) {
  if (!response.ok || response.body === null) {
    await response.body?.cancel();
    return `http ${response.status}`;
  }
  const reader = response.body.getReader();
  let buffered = new Uint8Array(0);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return "ended without a status";
      const joined = new Uint8Array(buffered.length + value.length);
      joined.set(buffered);
      joined.set(value, buffered.length);
      buffered = joined;
      while (buffered.length >= 5) {
        const length = new DataView(buffered.buffer, buffered.byteOffset).getUint32(1);
        if (buffered.length < 5 + length) break;
        const flags = buffered[0] ?? 0;
        const payload = buffered.slice(5, 5 + length);
        buffered = buffered.slice(5 + length);
        if ((flags & 0x80) === 0 && (flags & 0x02) === 0) return "open";
        return endOf(payload);
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** A Connect streaming call (server stream) with `message` as the request's one message. */
export async function connectStream(
  baseUrl: string,
  path: string,
  message: Uint8Array,
  token: string | undefined,
): Promise<string> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/connect+proto", ...bearer(token) },
    body: envelope(message),
  });
  return framedOutcome(response, (payload) => {
    const end = JSON.parse(new TextDecoder().decode(payload)) as { error?: { code?: string } };
    return end.error?.code ?? "ok";
  });
}

/** A gRPC-Web call with `message` as the request's one message. */
export async function grpcWeb(
  baseUrl: string,
  path: string,
  message: Uint8Array,
  token: string | undefined,
): Promise<string> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/grpc-web+proto", "x-grpc-web": "1", ...bearer(token) },
    body: envelope(message),
  });
  const inHeaders = response.headers.get("grpc-status");
  if (inHeaders !== null) {
    await response.body?.cancel();
    return CODE_NAMES[Number(inHeaders)] ?? inHeaders;
  }
  return framedOutcome(response, (payload) => {
    const status = /grpc-status:\s*(\d+)/i.exec(new TextDecoder().decode(payload))?.[1];
    return status === undefined
      ? "trailers without a status"
      : (CODE_NAMES[Number(status)] ?? status);
  });
}

/** gRPC over one h2c session; `call` answers the status, or "open" for a stream that started. */
export function grpcSession(url: string) {
  const session: ClientHttp2Session = http2Connect(url);
  session.on("error", () => undefined);
  return {
    call(path: string, message: Uint8Array, token: string | undefined): Promise<string> {
      return new Promise((resolve) => {
        const stream = session.request({
          ":method": "POST",
          ":path": path,
          "content-type": "application/grpc",
          te: "trailers",
          ...bearer(token),
        });
        const settle = (outcome: string) => {
          clearTimeout(timer);
          stream.close();
          resolve(outcome);
        };
        const timer = setTimeout(() => settle("no answer within 10 s"), 10_000);
        const statusOf = (headers: Record<string, unknown>) => {
          const status = headers["grpc-status"];
          if (status !== undefined) settle(CODE_NAMES[Number(status)] ?? String(status));
        };
        stream.on("response", statusOf);
        stream.on("trailers", statusOf);
        // A message before any status: the call was accepted (a stream that stays open).
        stream.on("data", () => settle("open"));
        stream.on("error", (error) => settle(`stream error ${error.message}`));
        stream.on("close", () => settle("closed without a status"));
        stream.end(envelope(message));
      });
    },
    close: () => session.destroy(),
  };
}
