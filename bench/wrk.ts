/**
 * The load generator: `wrk` (a Debian package), run as a child process with a fixed duration, and
 * its summary parsed into numbers. POST bodies and per-request users come from a Lua table file
 * read by `lua/rotate.lua`, so every connection cycles through many users.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";

export interface WrkResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Answers that were not 2xx/3xx, plus socket errors. */
  errors: number;
  seconds: number;
}

/** One request wrk may send: the Lua script cycles through a list of these. */
export interface WrkRequest {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface WrkCase {
  url: string;
  /** Requests to cycle through; a plain GET of `url` without headers when absent. */
  requests?: WrkRequest[];
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  threads?: number;
  /** wrk's own request timeout (its default, 2 s, is too short for deliberately slow calls). */
  timeoutSeconds?: number;
}

const ROTATE_SCRIPT = join(import.meta.dir, "lua", "rotate.lua");

/** Exits with the install command when wrk is missing, before anything starts. */
export function requireWrk(): void {
  if (Bun.which("wrk") !== null) return;
  console.error(
    "wrk is not installed: `sudo apt-get install -y wrk` (Debian/Ubuntu), then run again.",
  );
  process.exit(2);
}

const luaString = (value: string) => JSON.stringify(value);

/** The requests as a Lua file that returns a table (`dofile` in `lua/rotate.lua`). */
export function writeLuaRequests(file: string, requests: readonly WrkRequest[]): string {
  const entries = requests.map((request) => {
    const headers = Object.entries(request.headers ?? {})
      .map(([name, value]) => `[${luaString(name)}]=${luaString(value)}`)
      .join(",");
    const body = request.body === undefined ? "nil" : luaString(request.body);
    return `{method=${luaString(request.method)},path=${luaString(request.path)},headers={${headers}},body=${body}}`;
  });
  writeFileSync(file, `return {\n${entries.join(",\n")}\n}\n`);
  return file;
}

/** The wrk command line of a case (also recorded in the results). */
export function wrkCommand(spec: WrkCase, luaFile?: string): string[] {
  const command = [
    "wrk",
    `-t${spec.threads ?? 2}`,
    `-c${spec.connections}`,
    `-d${spec.seconds}s`,
    "--latency",
  ];
  if (spec.timeoutSeconds !== undefined) command.push("--timeout", `${spec.timeoutSeconds}s`);
  for (const [name, value] of Object.entries(spec.headers ?? {}))
    command.push("-H", `${name}: ${value}`);
  if (luaFile !== undefined) command.push("-s", ROTATE_SCRIPT, spec.url, "--", luaFile);
  else command.push(spec.url);
  return command;
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

function durationMs(text: string | undefined): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text ?? "");
  if (match?.[1] === undefined || match[2] === undefined) return Number.NaN;
  return Number(match[1]) * (UNIT_MS[match[2]] ?? Number.NaN);
}

/** Parses wrk's summary (with `--latency`). */
export function parseWrk(out: string, seconds: number): WrkResult {
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
    out,
  );
  const socket = socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? Number.NaN),
    p50Ms: durationMs(/\n\s+50%\s+(\S+)/.exec(out)?.[1]),
    p99Ms: durationMs(/\n\s+99%\s+(\S+)/.exec(out)?.[1]),
    requests: Number(/(\d+) requests in/.exec(out)?.[1] ?? Number.NaN),
    errors: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0) + socket,
    seconds,
  };
}

/** Runs wrk once and returns its figures; throws when wrk itself fails. */
export async function runWrk(spec: WrkCase, luaFile?: string): Promise<WrkResult> {
  const child = Bun.spawn(wrkCommand(spec, luaFile), { stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  const result = parseWrk(out, spec.seconds);
  if (code !== 0 || Number.isNaN(result.rps))
    throw new Error(`wrk failed (${code}):\n${out}\n${err}`);
  return result;
}
