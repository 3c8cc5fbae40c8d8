import { describe, expect, test } from "bun:test";
import { Code, ConnectError } from "@connectrpc/connect";
import { AppError, type ErrorKind } from "../errors";
import { asConnectError, ERROR_CODE_HEADER } from "./errors";

/**
 * What each kind of refusal is in the status codes gRPC defines and Connect shares (the
 * definitions are quoted), written down from those definitions rather than from the mapping under
 * test. Typed by `ErrorKind`: a new kind does not compile until it has its entry here.
 */
const expected: Record<ErrorKind, [Code, string]> = {
  unauthenticated: [Code.Unauthenticated, "the request does not have valid authentication"],
  forbidden: [Code.PermissionDenied, "the caller does not have permission"],
  not_found: [Code.NotFound, "some requested entity was not found"],
  validation: [Code.InvalidArgument, "an argument problematic whatever the system's state"],
  bad_request: [Code.InvalidArgument, "a malformed request, whatever the system's state"],
  conflict: [Code.FailedPrecondition, "the system is not in the state the operation requires"],
  rate_limited: [Code.ResourceExhausted, "a resource is exhausted, e.g. a per-user quota"],
  unavailable: [Code.Unavailable, "the service is currently unavailable; retrying may help"],
  timeout: [Code.DeadlineExceeded, "the deadline expired before the operation completed"],
  payload_too_large: [Code.ResourceExhausted, "a message larger than the limit (as gRPC itself)"],
  unsupported_media_type: [
    Code.InvalidArgument,
    "a body the method does not read, whatever the state",
  ],
  internal: [Code.Internal, "an invariant the system expects is broken"],
};

describe("asConnectError", () => {
  for (const [kind, [code, meaning]] of Object.entries(expected) as [ErrorKind, [Code, string]][]) {
    test(`${kind} is ${Code[code]} (${meaning}), with the detail and the code in metadata`, () => {
      const mapped = asConnectError(new AppError(kind, "some_code", "What happened"));
      expect([mapped?.code, mapped?.rawMessage, mapped?.metadata.get(ERROR_CODE_HEADER)]).toEqual([
        code,
        "What happened",
        "some_code",
      ]);
    });
  }

  test("passes a ConnectError through and leaves anything else unmapped", () => {
    const connect = new ConnectError("x", Code.Aborted);
    expect(asConnectError(connect)).toBe(connect);
    expect(asConnectError(new Error("boom"))).toBeUndefined();
  });
});
