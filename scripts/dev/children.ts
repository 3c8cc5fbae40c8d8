/**
 * The dev runner's child processes: each service under `bun --watch` (restarted by Bun when its
 * code changes) with every output line prefixed by the service's name, and a stop that sends
 * SIGTERM, waits for the grace period, then SIGKILLs whatever is left.
 *
 * Each child leads its own process group: Ctrl-C in a terminal reaches the runner alone, which
 * then stops each service once (a second signal would cut a graceful shutdown short), and a signal
 * to the group also reaches anything the child started.
 */
import type { Subprocess } from "bun";

const COLORS = ["\x1b[36m", "\x1b[35m", "\x1b[33m", "\x1b[32m", "\x1b[34m"];
const RESET = "\x1b[0m";

export interface Child {
  name: string;
  pid: number;
  /** False once the process has exited (its pid may then belong to another process). */
  running: boolean;
  exited: Promise<number>;
}

async function pipeLines(
  stream: ReadableStream<Uint8Array>,
  prefix: string,
  out: NodeJS.WriteStream,
) {
  const decoder = new TextDecoder();
  let pending = "";
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    pending += decoder.decode(value, { stream: true });
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) out.write(`${prefix} ${line}\n`);
  }
  if (pending) out.write(`${prefix} ${pending}\n`);
}

const labels: string[] = [];

/** The `[name]` prefix, padded and colored when the output is a terminal. */
export function prefixFor(name: string): string {
  if (!labels.includes(name)) labels.push(name);
  const label = `[${name}]`.padEnd(13);
  if (!process.stdout.isTTY) return label;
  return `${COLORS[labels.indexOf(name) % COLORS.length]}${label}${RESET}`;
}

/** Starts `command` with its output prefixed. */
export function startChild(
  name: string,
  command: string[],
  env: Record<string, string>,
  cwd: string,
): Child {
  const child: Subprocess<"ignore", "pipe", "pipe"> = Bun.spawn(command, {
    cwd,
    env,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    detached: true,
  });
  const prefix = prefixFor(name);
  const piped = Promise.all([
    pipeLines(child.stdout, prefix, process.stdout),
    pipeLines(child.stderr, prefix, process.stderr),
  ]);
  const started: Child = { name, pid: child.pid, running: true, exited: Promise.resolve(0) };
  started.exited = child.exited.then(async (code) => {
    started.running = false;
    await piped;
    return code;
  });
  return started;
}

/** SIGTERM to every child, SIGKILL to those still running after `graceMs`. */
export async function stopChildren(children: Child[], graceMs: number): Promise<void> {
  for (const child of children) if (child.running) signal(child.pid, "SIGTERM");
  const killer = setTimeout(() => {
    for (const child of children) if (child.running) signal(child.pid, "SIGKILL");
  }, graceMs);
  await Promise.all(children.map((child) => child.exited));
  clearTimeout(killer);
}

function signal(pid: number, name: NodeJS.Signals) {
  try {
    process.kill(-pid, name);
  } catch {
    // Already gone.
  }
}
