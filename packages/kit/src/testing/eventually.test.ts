import { describe, expect, test } from "bun:test";
import { eventually } from "./eventually";

describe("eventually", () => {
  test("returns the first value accepted, probing again until then", async () => {
    let probes = 0;
    const value = await eventually(() => ++probes, "the third probe", {
      accept: (count) => count >= 3,
      intervalMs: 1,
    });
    expect([value, probes]).toEqual([3, 3]);
  });

  test("accepts a truthy value by default, and waits for a promise", async () => {
    let ready: string | undefined;
    setTimeout(() => {
      ready = "yes";
    }, 30);
    expect(await eventually(async () => ready, "ready")).toBe("yes");
  });

  test("fails after the timeout naming what it waited for and the last value seen", async () => {
    const waited = eventually(() => ({ progress: 1 }), "progress 2", {
      accept: (view) => view.progress === 2,
      timeoutMs: 50,
      intervalMs: 5,
    });
    await expect(waited).rejects.toThrow(
      'timed out after 50 ms waiting for progress 2; last seen: {"progress":1}',
    );
  });

  test("an error thrown by the probe fails at once, it is not retried", async () => {
    let probes = 0;
    const failing = eventually(
      () => {
        probes++;
        throw new Error("broken probe");
      },
      "never",
      { timeoutMs: 1000 },
    );
    await expect(failing).rejects.toThrow("broken probe");
    expect(probes).toBe(1);
  });
});
