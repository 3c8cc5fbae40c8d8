import type { TenantDb } from "@questline/kit/storage/types";
import type { QuestEvent } from "../domain/events";
import { touchedQuests } from "../domain/progress-view";
import { questProgress as standingIn, type UserQuestsState } from "../domain/state";
import type { ProcessingTables } from "../schema";
import { upsertProgressQuery } from "./statements";

type Store = TenantDb<ProcessingTables>;
type Db = Store["db"];

/** Writes the rows of the quests `events` changed, as `state` (already evolved) now has them. */
export async function updateProjection(
  store: Store,
  tx: Db,
  userId: string,
  state: UserQuestsState,
  events: readonly QuestEvent[],
  version: number,
): Promise<void> {
  const upsertProgress = upsertProgressQuery(store, tx);
  for (const questName of touchedQuests(events)) {
    const standing = standingIn(state, questName);
    await upsertProgress.execute({
      tenantId: store.tenantId,
      userId,
      questName,
      progress: standing.progress,
      completions: standing.completions,
      claims: standing.claims,
      lastCountedDay: standing.lastCountedDay,
      started: standing.started,
      version,
    });
  }
}
