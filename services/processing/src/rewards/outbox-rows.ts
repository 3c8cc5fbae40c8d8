import type { RewardClaimed } from "../domain/events";
import type { ProcessingTables } from "../schema";

type OutboxRow = ProcessingTables["outbox"]["$inferInsert"];

/** The wallet grants a stream's claims owe: the claim id is the grant id, so auth applies it once. */
export function outboxRowsFor(
  tenantId: string,
  userId: string,
  claims: readonly RewardClaimed[],
  now: Date,
): OutboxRow[] {
  return claims.map((claim) => ({
    tenantId,
    grantId: claim.data.claimId,
    userId,
    items: claim.data.rewards.map((reward) => ({ item: reward.item, qty: reward.qty })),
    reason: `Quest ${claim.data.questName}: claim ${claim.data.claims}`,
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
  }));
}
