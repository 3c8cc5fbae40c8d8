import { bodyTooLarge } from "@questline/kit/http/json-body";

/**
 * The request body as a stream that counts what passes and fails once more than `maxBytes` went
 * through, so a chunked body without a `content-length` is bounded without being buffered.
 */
export function limitedBody(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  onExceeded: () => void,
): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBytes) {
          onExceeded();
          controller.error(bodyTooLarge(maxBytes));
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
}

/** Refuses at once a body whose declared length is already too large. */
export function checkDeclaredLength(headers: Headers, maxBytes: number): void {
  const declared = headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw bodyTooLarge(maxBytes);
}
