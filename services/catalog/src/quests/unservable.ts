/**
 * Stored quests that break the rules (a row written by hand or by an older release: a target past
 * the proto's int32, a reward no wallet grant may hold) are kept away from everyone who would
 * choke on them: watchers (one unencodable quest used to end `WatchQuests` for the whole tenant),
 * RPC readers and players. Each is logged once per version and counted per tenant in
 * `catalog_unservable_quests`; admins still read it over REST, with its `problems`.
 */
import type { Logger } from "@questline/kit/logger";
import type { MetricsRegistry } from "@questline/kit/metrics";
import type { Quest } from "./quest";
import { servingProblems } from "./quest-rules";

const MAX_REMEMBERED = 10_000;

export class UnservableQuests {
  private readonly logged = new Set<string>();
  private readonly gauge;

  constructor(
    private readonly logger: Logger,
    metrics: MetricsRegistry,
  ) {
    this.gauge = metrics.gauge(
      "catalog_unservable_quests",
      "Stored quests that break the quest rules and are served to nobody but admins, by tenant.",
    );
  }

  /** `quests` without the unservable ones, which are logged (once) and counted. */
  only(tenantId: string, quests: readonly Quest[]): Quest[] {
    const servable: Quest[] = [];
    let skipped = 0;
    for (const quest of quests) {
      const problems = servingProblems(quest);
      if (problems.length === 0) servable.push(quest);
      else {
        skipped++;
        this.report(tenantId, quest, problems);
      }
    }
    this.gauge.set(skipped, { tenant: tenantId });
    return servable;
  }

  /** True when the quest can be served; logs it otherwise. */
  servable(tenantId: string, quest: Quest): boolean {
    const problems = servingProblems(quest);
    if (problems.length > 0) this.report(tenantId, quest, problems);
    return problems.length === 0;
  }

  private report(tenantId: string, quest: Quest, problems: string[]): void {
    const key = `${tenantId}\n${quest.id}\n${quest.version}`;
    if (this.logged.has(key)) return;
    if (this.logged.size >= MAX_REMEMBERED) this.logged.clear();
    this.logged.add(key);
    this.logger.warn("quest cannot be served; skipped until an admin fixes it", {
      tenant: tenantId,
      quest_id: quest.id,
      quest: quest.name,
      version: quest.version,
      problems,
    });
  }
}
