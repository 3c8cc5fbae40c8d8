/**
 * The signed-in player's progress, wallet and history, read over REST, and the actions that change
 * them. After every action all three are read again, so the page never needs a reload.
 */
import { newIdempotencyKey } from "./api";
import { callAsUser } from "./authed-api";
import { consoleState, type PlayerEvent, type QuestProgress, updateState } from "./store";

const HISTORY_PAGE = 200;
/** Waits between wallet reads while a granted reward is still on its way to the wallet. */
const WALLET_RETRY_MS = [250, 500, 1000, 2000, 4000];

interface Profile {
  balances: Record<string, number>;
}

interface HistoryPage {
  events: PlayerEvent[];
  next_after: number | null;
}

/**
 * Reads that may overlap (an action's refresh and the next action's) keep the answer of the read
 * started last: an older answer that arrives late would put stale numbers back on the page.
 */
function newestWins<T>(read: () => Promise<T>, apply: (value: T) => void): () => Promise<T> {
  let started = 0;
  let applied = 0;
  return async () => {
    const ticket = ++started;
    const value = await read();
    if (ticket > applied) {
      applied = ticket;
      apply(value);
    }
    return value;
  };
}

export const loadProgress = newestWins(
  () => callAsUser<QuestProgress[]>("/api/v1/track/progress"),
  (rows) => updateState({ progress: new Map(rows.map((row) => [row.quest_name, row])) }),
);

const readBalances = newestWins(
  async () => (await callAsUser<Profile>("/api/v1/auth/me")).balances,
  (balances) => updateState({ balances }),
);

export const loadWallet = (): Promise<Readonly<Record<string, number>>> => readBalances();

let historyRead: Promise<void> = Promise.resolve();

/** Reads the events after the last one already read, one reader at a time so none is doubled. */
export function loadHistory(): Promise<void> {
  historyRead = historyRead.catch(() => undefined).then(readNewEvents);
  return historyRead;
}

async function readNewEvents(): Promise<void> {
  let events = consoleState().history;
  let after: number | null = events.at(-1)?.version ?? 0;
  while (after !== null) {
    const page: HistoryPage = await callAsUser<HistoryPage>(
      `/api/v1/track/history?after=${after}&limit=${HISTORY_PAGE}`,
    );
    events = [...events, ...page.events];
    after = page.next_after;
  }
  updateState({ history: events });
}

const claimsOf = (progress: ReadonlyMap<string, QuestProgress>) =>
  [...progress.values()].reduce((sum, row) => sum + row.claims, 0);

/**
 * Reads progress, history and wallet. When progress shows claims the wallet was not read after
 * (a claim, an auto-claim), the wallet is read until the grant shows.
 */
export async function loadPlayer(): Promise<void> {
  const before = consoleState().balances;
  await Promise.all([loadProgress(), loadHistory()]);
  const { progress, walletClaims } = consoleState();
  const claims = claimsOf(progress);
  if (walletClaims !== null && claims > walletClaims) await walletAfterGrant(before);
  else await loadWallet();
  updateState({ walletClaims: claims });
}

/** Reports the sign-in (or sign-up) behind the current token; processing counts it once. */
export async function trackSession(kind: "signin" | "signup"): Promise<void> {
  await callAsUser(`/api/v1/track/${kind}`, { method: "POST" });
  await loadPlayer();
}

/** Tracks an app action such as `level_up`. */
export async function trackAction(action: string): Promise<string> {
  const answer = await callAsUser<{ status: string }>("/api/v1/track/actions", {
    body: { action, idempotency_key: newIdempotencyKey() },
  });
  await loadPlayer();
  return answer.status;
}

export async function startQuest(questName: string): Promise<void> {
  await callAsUser(`/api/v1/track/quests/${encodeURIComponent(questName)}/start`, {
    method: "POST",
  });
  await loadPlayer();
}

/** Claims a quest's rewards and waits (briefly) for them to show in the wallet. */
export async function claimReward(questName: string): Promise<string> {
  const answer = await callAsUser<{ rewards: { item: string; qty: number }[] }>(
    "/api/v1/track/claim_reward",
    { body: { quest_name: questName }, headers: { "idempotency-key": newIdempotencyKey() } },
  );
  await loadPlayer();
  return answer.rewards.map((reward) => `${reward.qty} ${reward.item}`).join(", ");
}

/** Grants reach the wallet through processing's outbox: read until the balances move. */
async function walletAfterGrant(before: Readonly<Record<string, number>>): Promise<void> {
  const moved = (after: Readonly<Record<string, number>>) =>
    JSON.stringify(after) !== JSON.stringify(before);
  if (moved(await loadWallet())) return;
  for (const wait of WALLET_RETRY_MS) {
    await new Promise((resolve) => setTimeout(resolve, wait));
    if (moved(await loadWallet())) return;
  }
}
