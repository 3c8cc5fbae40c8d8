/**
 * Ports for tests. Best: let the process under test bind port 0 and read back what it bound
 * (`readListeningPorts`). Where ports must be known before the processes start (services that
 * name each other), `freePorts` takes distinct ports from the OS, all held at once, and releases
 * them for the caller to hand over (`freePortBlock` when a program wants consecutive ports). No
 * unbounded guessing; but between the release and the child's bind another process could take
 * one: that shows as a service that fails to start, never as a test that passes wrongly.
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:net";

function hold(port: number, host: string): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(undefined));
    server.listen({ port, host, exclusive: true }, () => resolve(server));
  });
}

const portOf = (server: Server): number => {
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("not a TCP listener");
  return address.port;
};

const release = (servers: Server[]) =>
  Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));

/** `count` distinct ports the OS just gave out, free on every address (services bind 0.0.0.0). */
export async function freePorts(count: number): Promise<number[]> {
  const held: Server[] = [];
  try {
    for (let index = 0; index < count; index++) {
      const server = await hold(0, "0.0.0.0");
      if (server === undefined) throw new Error("the OS gave no free port");
      held.push(server);
    }
    return held.map(portOf);
  } finally {
    await release(held);
  }
}

/**
 * Where the OS hands out ports of its own (port-0 binds, outgoing connections): Linux says in
 * /proc; elsewhere the usual 32768 and up.
 */
function ephemeralStart(): number {
  try {
    const [low] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").split(/\s+/);
    return Number(low) || 32_768;
  } catch {
    return 32_768;
  }
}

/**
 * `size` consecutive free ports, for a program that takes a port base (the dev runner). Blocks are
 * looked for between 10,000 and the OS's own range, where no outgoing connection or port-0 bind
 * lands; each try holds the whole block at once; a bounded number of tries.
 */
export async function freePortBlock(size: number, tries = 50): Promise<number> {
  const low = 10_000;
  const high = ephemeralStart() - size;
  for (let attempt = 0; attempt < tries; attempt++) {
    const start = low + Math.floor(Math.random() * (high - low));
    const held: Server[] = [];
    try {
      for (let offset = 0; offset < size; offset++) {
        const server = await hold(start + offset, "0.0.0.0");
        if (server === undefined) break;
        held.push(server);
      }
      if (held.length === size) return start;
    } finally {
      await release(held);
    }
  }
  throw new Error(`no ${size} consecutive free ports after ${tries} tries`);
}

/** A URL of a port nothing listens on: one the OS just gave out, then released. */
export async function closedPortUrl(scheme = "http"): Promise<string> {
  const [port] = await freePorts(1);
  return `${scheme}://127.0.0.1:${port}`;
}

/**
 * Reads the ports a service bound from its `service listening` log line (JSON on stdout, at
 * LOG_LEVEL info or lower), for a service started with PORT=0 and GRPC_PORT=0. Keeps draining the
 * output afterwards (a full pipe would stall the service); fails when it exits first.
 */
export async function readListeningPorts(
  stdout: ReadableStream<Uint8Array>,
  timeoutMs = 60_000,
): Promise<{ httpPort: number; grpcPort?: number; lines: string[] }> {
  const lines: string[] = [];
  const reader = stdout.getReader();
  const decoder = new TextDecoder();
  let pending = "";
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(`no "service listening" line within ${timeoutMs} ms:\n${lines.join("\n")}`),
        ),
      timeoutMs,
    );
  });
  const search = async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) throw new Error(`the service exited before listening:\n${lines.join("\n")}`);
      pending += decoder.decode(value, { stream: true });
      const complete = pending.split("\n");
      pending = complete.pop() ?? "";
      for (const line of complete) {
        lines.push(line);
        const ports = listeningPortsIn(line);
        if (ports) return ports;
      }
    }
  };
  try {
    const ports = await Promise.race([search(), late]);
    void drain(reader);
    return { ...ports, lines };
  } finally {
    clearTimeout(timer);
  }
}

function listeningPortsIn(line: string): { httpPort: number; grpcPort?: number } | undefined {
  try {
    const entry = JSON.parse(line) as { msg?: string; http_port?: number; grpc_port?: number };
    if (entry.msg !== "service listening" || typeof entry.http_port !== "number") return undefined;
    return { httpPort: entry.http_port, grpcPort: entry.grpc_port };
  } catch {
    return undefined;
  }
}

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>) {
  try {
    while (!(await reader.read()).done) {}
  } catch {
    // The service went away: nothing left to read.
  }
}
