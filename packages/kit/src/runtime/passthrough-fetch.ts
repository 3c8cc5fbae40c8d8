/**
 * `fetch` for a proxy: the upstream's answer passed on as sent, and no deadline of the runtime's
 * own on a stream. Bun has options for both (`bun/passthrough-fetch-bun.ts`). Elsewhere (Deno)
 * `fetch` always decodes a compressed body yet keeps its `content-encoding`, so the upstream is
 * asked for an uncompressed answer, and if one comes compressed anyway (and so was decoded) the
 * headers that described the encoded bytes are dropped.
 */
import { passthroughFetchBun } from "./bun/passthrough-fetch-bun";
import { onBun } from "./runtime";

export type PassthroughFetch = (
  url: string,
  init: RequestInit & { headers: Headers },
  options: { streaming: boolean },
) => Promise<Response>;

const ENCODED_BODY_HEADERS = ["content-encoding", "content-length"];

export async function passthroughFetchPortable(
  url: string,
  init: RequestInit & { headers: Headers },
): Promise<Response> {
  init.headers.set("accept-encoding", "identity");
  const response = await fetch(url, init);
  const encoding = response.headers.get("content-encoding");
  if (encoding === null || encoding === "identity") return response;
  const headers = new Headers(response.headers);
  for (const name of ENCODED_BODY_HEADERS) headers.delete(name);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

export const passthroughFetch: PassthroughFetch = onBun()
  ? passthroughFetchBun
  : passthroughFetchPortable;
