/**
 * Runs a built edge folder (`build.ts`) in workerd, the npm package pinned in the root
 * package.json: `workerd serve workerd.capnp --socket-addr http=<host>:<port>`, with the settings
 * in workerd's environment (the config reads each binding `fromEnvironment`).
 */
import { join } from "node:path";
import { waitUntilReady } from "../../scripts/dev/wait-ready";

const repoRoot = join(import.meta.dirname, "..", "..");
export const WORKERD = join(repoRoot, "node_modules/.bin/workerd");

export interface RunningEdge {
  url: string;
  /** Resolves with workerd's exit code. */
  exited: Promise<number>;
  stop(): Promise<void>;
}

export async function startWorkerd(options: {
  /** The folder `buildEdge` wrote. */
  dir: string;
  port: number;
  host?: string;
  env: Record<string, string | undefined>;
  /** Where workerd's output goes (default: this process's). */
  output?: "inherit" | "ignore";
}): Promise<RunningEdge> {
  const host = options.host ?? "127.0.0.1";
  const child = Bun.spawn(
    [
      WORKERD,
      "serve",
      join(options.dir, "workerd.capnp"),
      "--socket-addr",
      `http=${host}:${options.port}`,
    ],
    {
      env: options.env,
      stdout: options.output ?? "inherit",
      stderr: options.output ?? "inherit",
    },
  );
  const url = `http://${host}:${options.port}`;
  let running = true;
  const exited = child.exited.then((code) => {
    running = false;
    return code;
  });
  const stop = async () => {
    if (running) child.kill("SIGTERM");
    await exited;
  };
  // `/health` answers without touching Postgres, Upstash or auth.
  const ready = await waitUntilReady(`${url}/health`, {
    timeoutMs: 30_000,
    stopped: () => !running,
  });
  if (!ready) {
    await stop();
    throw new Error(`workerd did not answer on ${url} (exit code ${child.exitCode})`);
  }
  return { url, exited, stop };
}
