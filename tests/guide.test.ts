/**
 * Keeps docs/guide.md honest: every `sh` block of it runs, in order, in one bash against a real
 * system, and what it prints is what the guide says it prints. On every runtime (Bun, Deno) with
 * every storage (SQLite; Postgres + Redis).
 */
import { afterAll, beforeAll, expect, setDefaultTimeout, test } from "bun:test";
import { join } from "node:path";
import { describeEach } from "@questline/kit/testing/variants";
import { systemSetups } from "./support/setups";
import { startSystem, type TestSystem } from "./support/system";

// Whole systems of real processes: slower than the default 5 s allows on 2 cores.
setDefaultTimeout(60_000);

const ROOT = join(import.meta.dir, "..");
function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
}

describeEach("on %s", await systemSetups(), (setup) => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startSystem(setup);
  }, 120_000);
  afterAll(() => system.shutdown());

  test("the guide's commands work as written and print what it says", async () => {
    const guide = await Bun.file(join(ROOT, "docs/guide.md")).text();
    const script = `set -euo pipefail\n${shellBlocks(guide).join("\n")}`;
    const run = Bun.spawn(["bash", "-c", script], {
      cwd: ROOT,
      env: {
        ...process.env,
        QL: system.gatewayUrl,
        CATALOG_HTTP: system.urlOf("catalog"),
        CATALOG_GRPC: system.grpcUrlOf("catalog"),
      },
      stdout: "pipe",
      stderr: "pipe",
    });
    const [out, err, code] = await Promise.all([
      new Response(run.stdout).text(),
      new Response(run.stderr).text(),
      run.exited,
    ]);
    expect({ code, err: code === 0 ? "" : err }).toEqual({ code: 0, err: "" });
    const lines = out.trim().split("\n");
    expect(lines).toEqual([
      "1", // the new quest's version
      expect.stringMatching(/^ada-\d+$/),
      "tracked",
      "tracked",
      "tracked",
      "duplicate",
      "claimable",
      "Reward claimed successfully",
      "125",
      "max_claimed",
      "3", // GetQuest over gRPC: the target of sign-in-three-times
      "sign-in-three-times",
      "diamond",
    ]);
  });
});
