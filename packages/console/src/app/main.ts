/**
 * The console's entry point: a player view for everyone signed in and a catalog editor for admins,
 * both fed by the catalog's `WatchQuests` stream over gRPC-Web and the REST API of the gateway.
 */
import { type Quest, QuestStatus } from "@questline/proto/catalog/v1/catalog_pb";
import { renderAccount, setUpAccount } from "./account-view";
import { renderAdmin, setUpAdmin } from "./admin-view";
import { watchQuests } from "./catalog";
import { region } from "./dom";
import { renderHistory } from "./history-view";
import {
  claimReward,
  loadPlayer,
  loadProgress,
  loadWallet,
  startQuest,
  trackAction,
} from "./player-data";
import { renderQuests } from "./quests-view";
import { currentSession, isAdmin, onSessionChange, type Session } from "./session";
import { announce, describeError } from "./status";
import { onStateChange, resetState, updateState } from "./store";
import { renderWallet } from "./wallet-view";

/** Runs a player action with the buttons disabled, then says how it went. */
async function act(work: () => Promise<string>): Promise<void> {
  updateState({ busy: true });
  try {
    announce(await work());
  } catch (error) {
    announce(describeError(error), "error");
  } finally {
    updateState({ busy: false });
  }
}

const questActions = {
  claim: (name: string) => void act(async () => `Reward claimed: ${await claimReward(name)}`),
  start: (name: string) =>
    void act(async () => {
      await startQuest(name);
      return `Quest ${name} started`;
    }),
};

let watching: { identity: string; stop: AbortController } | null = null;
let publishedKey = "";

/** Names and versions of the published quests: when they change, progress is read again. */
const publishedKeyOf = (quests: readonly Quest[]) =>
  quests
    .filter((quest) => quest.status === QuestStatus.PUBLISHED)
    .map((quest) => `${quest.name}@${quest.version}`)
    .join(",");

/** Watches the quests of whoever is signed in; a renewed token of the same user keeps the stream. */
function followSession(session: Session | null): void {
  renderAccount(session);
  region("player").hidden = session === null;
  region("admin").hidden = !isAdmin(session);
  const identity = session === null ? "" : `${session.tenant}/${session.userId}`;
  if (watching?.identity === identity) return;
  watching?.stop.abort();
  watching = null;
  resetState();
  if (session === null) return;
  const stop = new AbortController();
  watching = { identity, stop };
  void watchQuests(
    stop.signal,
    (quests) => {
      updateState({ quests });
      // A quest that just appeared (or changed its target) has progress of its own to show.
      const key = publishedKeyOf(quests);
      if (key !== publishedKey) void loadProgress().catch(() => undefined);
      publishedKey = key;
    },
    (error) =>
      announce(`Quest updates interrupted, reconnecting: ${describeError(error)}`, "error"),
  );
  void loadPlayer().catch((error: unknown) => announce(describeError(error), "error"));
}

region("track-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = region("action") as HTMLInputElement;
  const action = input.value.trim();
  void act(async () => `Action ${action}: ${await trackAction(action)}`);
});

/** Grants delivered late (auth was down at claim time) still reach the page. */
const WALLET_REFRESH_MS = 15_000;
setInterval(() => {
  if (currentSession() !== null && document.visibilityState === "visible") {
    void loadWallet().catch(() => undefined);
  }
}, WALLET_REFRESH_MS);

setUpAccount();
setUpAdmin();
onStateChange((state) => {
  renderQuests(state, questActions);
  renderWallet(state);
  renderHistory(state);
  renderAdmin(state);
});
onSessionChange(followSession);
