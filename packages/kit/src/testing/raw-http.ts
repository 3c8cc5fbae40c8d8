/**
 * HTTP/1.1 written by hand over TCP, for what `fetch` will not send: any Host header, odd header
 * bytes, a request left open. Each call opens its own connection.
 */
import { connect, type Socket } from "node:net";

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** An open connection that has sent `head` (and `body`); `answer()` waits for the whole reply. */
export interface RawExchange {
  socket: Socket;
  /** Everything received so far, as text. */
  received(): string;
  /** Resolves once the status line and headers have arrived. */
  head(): Promise<RawAnswer>;
  close(): void;
}

function parseHead(text: string): RawAnswer | undefined {
  const end = text.indexOf("\r\n\r\n");
  if (end === -1) return undefined;
  const [statusLine = "", ...lines] = text.slice(0, end).split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(" ")[1]), headers, body: text.slice(end + 4) };
}

/** Sends `head` (request line and headers, without the blank line) and `body` to `url`'s host. */
export function rawExchange(
  url: string,
  head: string,
  body: Uint8Array | string = "",
): RawExchange {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname, port: Number(port) });
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const chunks: Buffer[] = [];
  const waiters: (() => void)[] = [];
  socket.on("data", (chunk: Buffer) => {
    chunks.push(chunk);
    for (const wake of waiters.splice(0)) wake();
  });
  const wakeAll = () => {
    for (const wake of waiters.splice(0)) wake();
  };
  socket.on("close", wakeAll);
  socket.on("error", wakeAll);
  socket.write(`${head}\r\n\r\n`);
  if (bytes.byteLength > 0) socket.write(bytes);
  const received = () => Buffer.concat(chunks).toString("latin1");
  return {
    socket,
    received,
    async head() {
      for (;;) {
        const parsed = parseHead(received());
        if (parsed !== undefined) return parsed;
        if (socket.destroyed) throw new Error(`the connection closed after: ${received()}`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    close: () => socket.destroy(),
  };
}

/** One request on its own connection (`connection: close`), answered in full. */
export async function rawRequest(url: string, head: string, body = ""): Promise<RawAnswer> {
  const exchange = rawExchange(url, `${head}\r\nconnection: close`, body);
  await new Promise<void>((resolve) => {
    exchange.socket.on("close", () => resolve());
  });
  const parsed = parseHead(exchange.received());
  if (parsed === undefined) throw new Error(`no HTTP answer: ${exchange.received()}`);
  return parsed;
}
