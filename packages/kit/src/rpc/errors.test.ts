import { describe, expect, test } from "bun:test";
import { Code, ConnectError } from "@connectrpc/connect";
import { AppError, type ErrorKind } from "../errors";
import { asConnectError, ERROR_CODE_HEADER } from "./errors";

describe("asConnectError", () => {
  const expected: [ErrorKind, Code][] = [
    ["unauthenticated", Code.Unauthenticated],
    ["forbidden", Code.PermissionDenied],
    ["not_found", Code.NotFound],
    ["validation", Code.InvalidArgument],
    ["bad_request", Code.InvalidArgument],
    ["conflict", Code.FailedPrecondition],
    ["payload_too_large", Code.ResourceExhausted],
    ["unsupported_media_type", Code.InvalidArgument],
    ["rate_limited", Code.ResourceExhausted],
    ["unavailable", Code.Unavailable],
    ["timeout", Code.DeadlineExceeded],
    ["internal", Code.Internal],
  ];
  for (const [kind, code] of expected) {
    test(`maps ${kind} to ${Code[code]} with the detail and the code in metadata`, () => {
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
