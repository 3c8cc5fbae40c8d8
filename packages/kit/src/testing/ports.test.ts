import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { closedPortUrl, freePortBlock, freePorts, readListeningPorts } from "./ports";

/** Whether something can listen on `port` (on every address) right now. */
async function bindable(port: number): Promise<boolean> {
  try {
    const server = Bun.listen({ hostname: "0.0.0.0", port, socket: { data() {} } });
    server.stop(true);
    return true;
  } catch {
    return false;
  }
}

describe("free ports", () => {
  test("freePorts gives distinct ports, each free to bind", async () => {
    const ports = await freePorts(7);
    expect(new Set(ports).size).toBe(7);
    for (const port of ports) expect(await bindable(port)).toBe(true);
  });

  test("freePortBlock gives the start of consecutive free ports", async () => {
    const start = await freePortBlock(4);
    for (let offset = 0; offset < 4; offset++) expect(await bindable(start + offset)).toBe(true);
  });

  test("closedPortUrl names a port that refuses connections", async () => {
    const url = await closedPortUrl();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const outcome = await fetch(url).then(
      () => "answered",
      () => "refused",
    );
    expect(outcome).toBe("refused");
    expect(await closedPortUrl("redis")).toStartWith("redis://127.0.0.1:");
  });
});

describe("readListeningPorts", () => {
  test("reads the port a service bound from its log, and keeps its output flowing", async () => {
    const child = Bun.spawn(["bun", join(import.meta.dir, "testdata", "listening-service.ts")], {
      stdout: "pipe",
      stderr: "inherit",
    });
    try {
      const { httpPort } = await readListeningPorts(child.stdout);
      // 2,000 log lines follow: the service answers only if they are drained.
      const answer = await fetch(`http://127.0.0.1:${httpPort}/`);
      expect(await answer.text()).toBe("here");
    } finally {
      child.kill();
    }
  }, 30_000);

  test("a service that exits before listening is an error with what it printed", async () => {
    const child = Bun.spawn(["bun", "-e", "console.log('config is wrong'); process.exit(3)"], {
      stdout: "pipe",
    });
    await expect(readListeningPorts(child.stdout)).rejects.toThrow(
      "the service exited before listening:\nconfig is wrong",
    );
  });
});
