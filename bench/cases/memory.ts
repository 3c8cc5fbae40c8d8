/**
 * Resident memory of each service, from its own `/metrics` (`process_resident_memory_bytes`):
 * once idle, then the peak seen by a sampler that runs while the load cases do.
 */
import type { ServiceName } from "../../scripts/dev/plan";
import { SERVICES } from "../../tests/support/system";
import type { BenchSystem } from "../system";

export interface MemoryRow {
  dialect: string;
  service: ServiceName;
  idleMiB: number;
  peakMiB: number;
}

const SAMPLE_EVERY_MS = 500;

async function residentMiB(url: string): Promise<number> {
  try {
    const text = await (await fetch(`${url}/metrics`)).text();
    const line = text.split("\n").find((row) => row.startsWith("process_resident_memory_bytes"));
    return Number(line?.split(" ").at(-1)) / 2 ** 20;
  } catch {
    return Number.NaN;
  }
}

/** Takes the idle reading now and samples until `stop()`, which returns the rows. */
export async function startMemorySampler(bench: BenchSystem) {
  const idle = new Map<ServiceName, number>();
  const peak = new Map<ServiceName, number>();
  const sample = async (into: Map<ServiceName, number>) => {
    for (const service of SERVICES) {
      const value = await residentMiB(bench.system.urlOf(service));
      if (Number.isFinite(value)) into.set(service, Math.max(into.get(service) ?? 0, value));
    }
  };
  await sample(idle);
  let running = true;
  const loop = (async () => {
    while (running) {
      await sample(peak);
      await Bun.sleep(SAMPLE_EVERY_MS);
    }
  })();
  return {
    async stop(): Promise<MemoryRow[]> {
      running = false;
      await loop;
      return SERVICES.map((service) => ({
        dialect: bench.dialect,
        service,
        idleMiB: idle.get(service) ?? Number.NaN,
        peakMiB: peak.get(service) ?? Number.NaN,
      }));
    },
  };
}
