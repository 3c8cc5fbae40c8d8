/**
 * The whole Questline system for the console's browser tests: `scripts/dev.ts` (all four services
 * as real processes, example quests, the dev admin) on free ports and a fresh data directory, so it
 * never meets a developer's own `bun run dev` on 8000-8003.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dir, "..", "..");
const READY_LINE = "Ctrl-C stops everything.";
const START_TIMEOUT_MS = 120_000;

export const DEV_ADMIN = { user: "admin", password: "admin-dev-password" };

export interface ConsoleSystem {
  gatewayUrl: string;
  /** What the dev runner printed, for a failing test's message. */
  output: () => string;
  stop: () => Promise<void>;
}

function portFree(port: number): boolean {
  try {
    Bun.listen({ hostname: "127.0.0.1", port, socket: { data() {} } }).stop(true);
    return true;
  } catch {
    return false;
  }
}

/** A base whose four HTTP ports (base..base+3) and three gRPC ports (base+10..) are all free. */
function freePortBase(): number {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + 20 * Math.floor(Math.random() * 1_500);
    const ports = [0, 1, 2, 3, 10, 11, 12].map((offset) => base + offset);
    if (ports.every(portFree)) return base;
  }
  throw new Error("no free ports for the test system");
}

/** Starts the system and resolves once the dev runner says it is ready. */
export async function startConsoleSystem(): Promise<ConsoleSystem> {
  const base = freePortBase();
  const dataDir = mkdtempSync(join(tmpdir(), "questline-console-"));
  const runner = Bun.spawn(["bun", "run", "scripts/dev.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      QUESTLINE_PORT_BASE: String(base),
      QUESTLINE_GRPC_PORT_BASE: String(base + 10),
      QUESTLINE_DEV_GRACE_MS: "3000",
      LOG_LEVEL: "warn",
    },
    stdout: "pipe",
    stderr: "pipe",
  });
  let output = "";
  let markReady: (value: boolean) => void = () => {};
  const ready = new Promise<boolean>((resolveReady) => {
    markReady = resolveReady;
  });
  // Both pipes are read to their end, so the runner never blocks on a full pipe.
  const collect = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    const reader = stream.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      output += decoder.decode(chunk.value, { stream: true });
      if (output.includes(READY_LINE)) markReady(true);
    }
    markReady(false);
  };
  void collect(runner.stdout);
  void collect(runner.stderr);
  const stop = async () => {
    runner.kill("SIGTERM");
    await runner.exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  const timeout = new Promise<false>((resolveTimeout) =>
    setTimeout(() => resolveTimeout(false), START_TIMEOUT_MS),
  );
  const started = await Promise.race([ready, timeout]);
  const allReady = /\]\s+ready\n/.test(output) && output.includes("/console");
  if (!started || !allReady) {
    await stop();
    throw new Error(`the system did not start:\n${output}`);
  }
  return { gatewayUrl: `http://127.0.0.1:${base}`, output: () => output, stop };
}
