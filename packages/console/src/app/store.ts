/** What the console shows, in one place; views re-render their region when it changes. */
import type { Quest } from "@questline/proto/catalog/v1/catalog_pb";

export interface QuestProgress {
  quest_name: string;
  progress: number;
  target: number;
  completions: number;
  claims: number;
  claimable: boolean;
  status: "in_progress" | "claimable" | "completed";
  next_reset_at: string | null;
  started?: boolean;
}

export interface PlayerEvent {
  version: number;
  type: string;
  data: Record<string, unknown>;
  occurred_at: string;
}

export interface ConsoleState {
  quests: readonly Quest[];
  progress: ReadonlyMap<string, QuestProgress>;
  balances: Readonly<Record<string, number>>;
  /** The player's events, oldest first, as far as they have been read. */
  history: readonly PlayerEvent[];
  /** Claims (across quests) the wallet was last read after; null before the first read. */
  walletClaims: number | null;
  /** A request is under way: buttons that would repeat it are disabled. */
  busy: boolean;
}

const empty: ConsoleState = {
  quests: [],
  progress: new Map(),
  balances: {},
  history: [],
  walletClaims: null,
  busy: false,
};

let state: ConsoleState = empty;
const listeners = new Set<(state: ConsoleState) => void>();

export const consoleState = (): ConsoleState => state;

/** Merges `changes` into the state and tells every view. */
export function updateState(changes: Partial<ConsoleState>): void {
  state = { ...state, ...changes };
  for (const listener of listeners) listener(state);
}

/** Forgets everything the previous user saw. */
export const resetState = (): void => updateState(empty);

export function onStateChange(listener: (state: ConsoleState) => void): void {
  listeners.add(listener);
  listener(state);
}
