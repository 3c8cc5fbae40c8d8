/** Helpers for the tests that start a real service process and ask it for /health. */
import { readListeningPorts } from "@questline/kit/testing/ports";

/** Polls /health until it answers, the process dies, or 30 s pass; 0 when it never answered. */
export async function waitForHealth(port: number, child: Bun.Subprocess): Promise<number> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && child.exitCode === null) {
    const status = await fetch(`http://127.0.0.1:${port}/health`).then(
      (response) => response.status,
      () => 0,
    );
    if (status !== 0) return status;
    await Bun.sleep(100);
  }
  return 0;
}

/** The environment without the variables that would point a test service at shared stores. */
export function isolatedEnv(extra: Record<string, string>): Record<string, string | undefined> {
  const shared = ["DATABASE_URL", "REDIS_URL", "UPSTASH_REDIS_REST_URL", "MIGRATIONS_DIR"];
  const kept = Object.entries(process.env).filter(([name]) => !shared.includes(name));
  return { ...Object.fromEntries(kept), ...extra };
}

/** Exit code of the container's health check script run against a port. */
export function healthcheckExitCode(script: string, port: number): number {
  return Bun.spawnSync(["bun", script], { env: { ...process.env, PORT: String(port) } }).exitCode;
}

/**
 * Starts a service on ports the OS picks (PORT=0, GRPC_PORT=0), reads back the port it bound from
 * its log, waits for /health and returns the process and its port; throws with the service's own
 * output when it never answers 200.
 */
export async function startServing(
  command: string[],
  options: { cwd: string; env: Record<string, string | undefined> },
): Promise<{ child: Bun.Subprocess<"ignore", "pipe", "pipe">; port: number }> {
  const env = { ...options.env, PORT: "0", GRPC_PORT: "0", LOG_LEVEL: "info" };
  const child = Bun.spawn(command, {
    cwd: options.cwd,
    env,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const fail = async (why: string) => {
    child.kill("SIGKILL");
    const output = (await new Response(child.stderr).text()).slice(-2000);
    return new Error(`${why}; the service said:\n${output}`);
  };
  const listening = await readListeningPorts(child.stdout).catch((error: Error) => error);
  if (listening instanceof Error) throw await fail(listening.message);
  const status = await waitForHealth(listening.httpPort, child);
  if (status !== 200) throw await fail(`/health answered ${status}`);
  return { child, port: listening.httpPort };
}
