/**
 * Sign-in: `POST /api/v1/auth/signin` through the gateway, cycling through the bench users. Each
 * one is an argon2id verification (64 MiB, 2 passes, ~250 ms of one core here: deliberately slow,
 * so a stolen hash is slow to crack) plus a token and a report to processing.
 */
import { join } from "node:path";
import { type CaseResult, measure } from "../measure";
import { runWrk, type WrkCase, writeLuaRequests, wrkCommand } from "../wrk";
import type { CaseContext } from "./context";

/** One sign-in per core in flight: more only queue behind the hashes. */
const SIGNIN_CONNECTIONS = 2;

export async function signinCase(context: CaseContext): Promise<CaseResult> {
  const { bench, plan } = context;
  const lua = writeLuaRequests(
    join(context.workDir, "signin.lua"),
    bench.users.map((user) => ({
      method: "POST" as const,
      path: "/api/v1/auth/signin",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user_name: user.name, password: user.password }),
    })),
  );
  const spec: WrkCase = {
    url: bench.system.gatewayUrl,
    connections: SIGNIN_CONNECTIONS,
    threads: 1,
    seconds: plan.runSeconds,
    timeoutSeconds: 10,
  };
  return measure(
    plan,
    {
      group: "sign-in",
      name: "POST /auth/signin via gateway (argon2id)",
      dialect: bench.dialect,
      unit: "req/s",
      command: wrkCommand(spec, lua).join(" "),
      note: `deliberate cost: argon2id per sign-in; ${SIGNIN_CONNECTIONS} connections`,
    },
    (seconds) => runWrk({ ...spec, seconds }, lua),
  );
}
