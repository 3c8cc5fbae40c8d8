/** Bun's `fetch` options for a proxy: bytes as sent, and no timeout of its own on a stream. */
export const passthroughFetchBun = (
  url: string,
  init: RequestInit,
  options: { streaming: boolean },
): Promise<Response> => fetch(url, { ...init, decompress: false, timeout: !options.streaming });
