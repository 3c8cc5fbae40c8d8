/**
 * The two hosts the edge is run on here, each as a platform would run it: workerd (the npm package
 * pinned in the root package.json; Cloudflare Workers' runtime) serving a built folder
 * (`build.ts`), and `deno serve` (Deno Deploy's way: a module whose default export has `fetch`)
 * serving the entry from source. Settings go in as environment variables.
 */
import { join } from "node:path";
import type { Subprocess } from "bun";
import { denoBinary } from "../../scripts/dev/runtimes";
import { waitUntilReady } from "../../scripts/dev/wait-ready";

const repoRoot = join(import.meta.dirname, "..", "..");
export const WORKERD = join(repoRoot, "node_modules/.bin/workerd");
export const EDGE_SOURCE = "services/catalog/src/edge/worker.ts";

export type EdgeHost = "workerd" | "deno";

export interface RunningEdge {
  url: string;
  /** Resolves with the host's exit code. */
  exited: Promise<number>;
  stop(): Promise<void>;
}

export interface EdgeHostOptions {
  port: number;
  host?: string;
  env: Record<string, string | undefined>;
  /** Where the host's output goes (default: this process's). */
  output?: "inherit" | "ignore";
}

/** workerd serving `dir` (what `buildEdge` wrote) with its `workerd.capnp`. */
export function startWorkerd(dir: string, options: EdgeHostOptions): Promise<RunningEdge> {
  const address = `${options.host ?? "127.0.0.1"}:${options.port}`;
  const config = join(dir, "workerd.capnp");
  return started([WORKERD, "serve", config, "--socket-addr", `http=${address}`], options);
}

/** `deno serve` of the edge's entry from source, with no more permissions than it uses. */
export function startDenoServe(options: EdgeHostOptions): Promise<RunningEdge> {
  const deno = denoBinary();
  if (deno === undefined) throw new Error("Deno not found: the bootstrap installs it");
  const command = [
    deno,
    "serve",
    "--no-prompt",
    // As the services run on Deno: a request's signal aborts only when its client goes away.
    "--unstable-no-legacy-abort",
    `--host=${options.host ?? "127.0.0.1"}`,
    `--port=${options.port}`,
    "--allow-net",
    "--allow-env",
    // The code and node_modules only: nothing is written, nothing else is read.
    `--allow-read=${repoRoot}`,
    EDGE_SOURCE,
  ];
  return started(command, options);
}

async function started(command: string[], options: EdgeHostOptions): Promise<RunningEdge> {
  const child: Subprocess = Bun.spawn(command, {
    cwd: repoRoot,
    env: options.env,
    stdout: options.output ?? "inherit",
    stderr: options.output ?? "inherit",
  });
  const url = `http://${options.host ?? "127.0.0.1"}:${options.port}`;
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
    timeoutMs: 60_000,
    stopped: () => !running,
  });
  if (!ready) {
    await stop();
    throw new Error(`${command[0]} did not answer on ${url} (exit code ${child.exitCode})`);
  }
  return { url, exited, stop };
}
