/** What every system case gets: the running system, the plan, and where to put Lua files. */
import type { CaseResult, Plan } from "../measure";
import type { BenchSystem } from "../system";

export interface CaseContext {
  bench: BenchSystem;
  plan: Plan;
  workDir: string;
}

/** A pass/fail check made during the run (e.g. the contention case), reported beside the table. */
export interface Check {
  dialect: string;
  name: string;
  expected: string;
  observed: string;
  ok: boolean;
}

export interface SystemResults {
  cases: CaseResult[];
  checks: Check[];
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
