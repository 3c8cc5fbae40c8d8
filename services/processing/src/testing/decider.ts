/**
 * Test support for the processing domain, kept out of the domain folder and out of images: sample
 * quests from docs/reference/quests.md, command and event builders, and Emmett-style
 * `given(events).when(command)` checks.
 */
import { expect } from "bun:test";
import type { QuestCommand } from "../domain/commands";
import { decide } from "../domain/decide";
import type { QuestEvent } from "../domain/events";
import { progressOf, type QuestProgressView } from "../domain/progress-view";
import { type QuestRules, questBook } from "../domain/quest-rules";
import { QuestRefused } from "../domain/refusals";
import { evolve, initialState, replay } from "../domain/state";

export const quest = (rules: Partial<QuestRules> & Pick<QuestRules, "name">): QuestRules => ({
  id: 1,
  version: 1,
  trigger: "signin",
  target: 1,
  cadence: "any",
  consecutive: false,
  timezone: "UTC",
  maxCompletions: null,
  autoClaim: false,
  autoStart: true,
  rewards: [{ item: "gold", qty: 1 }],
  startsAt: null,
  endsAt: null,
  status: "published",
  ...rules,
});

/** The original quest (docs/reference/progress.md). */
export const SIGN_IN_THREE_TIMES = quest({
  id: 1,
  name: "sign-in-three-times",
  target: 3,
  maxCompletions: 2,
  rewards: [{ item: "diamond", qty: 10 }],
});

export const SIGN_UP = quest({
  id: 2,
  name: "sign-up",
  trigger: "signup",
  maxCompletions: 1,
  autoClaim: true,
  rewards: [{ item: "gold", qty: 100 }],
});

export const DAILY_LOGIN_STREAK = quest({
  id: 3,
  name: "daily-login-streak",
  target: 7,
  cadence: "daily",
  consecutive: true,
  rewards: [{ item: "gold", qty: 50 }],
});

export const at = (iso: string): Date => new Date(iso);

export const track = (
  action: string,
  actionId: string,
  now: Date,
  quests: QuestRules[],
): QuestCommand => ({ type: "TrackAction", action, actionId, now, quests: questBook(quests) });

export const start = (questName: string, now: Date, quests: QuestRules[]): QuestCommand => ({
  type: "StartQuest",
  questName,
  now,
  quests: questBook(quests),
});

export const claim = (
  questName: string,
  claimId: string,
  now: Date,
  quests: QuestRules[],
): QuestCommand => ({ type: "ClaimReward", questName, claimId, now, quests: questBook(quests) });

/** Event builders: `occurredAt` is `now`, the quest's version is stamped like decide does. */
export const tracked = (action: string, actionId: string, now: Date): QuestEvent => ({
  type: "ActionTracked",
  data: { action, actionId },
  questVersion: null,
  occurredAt: now,
});

export const started = (rules: QuestRules, now: Date): QuestEvent => ({
  type: "QuestStarted",
  data: { questName: rules.name },
  questVersion: rules.version,
  occurredAt: now,
});

export const progressed = (
  rules: QuestRules,
  progress: number,
  now: Date,
  countedDay?: string,
): QuestEvent => ({
  type: "QuestProgressed",
  data: { questName: rules.name, progress, ...(countedDay ? { countedDay } : {}) },
  questVersion: rules.version,
  occurredAt: now,
});

export const streakBroken = (
  rules: QuestRules,
  previousProgress: number,
  lastCountedDay: string,
  now: Date,
): QuestEvent => ({
  type: "StreakBroken",
  data: { questName: rules.name, previousProgress, lastCountedDay },
  questVersion: rules.version,
  occurredAt: now,
});

export const completed = (rules: QuestRules, completions: number, now: Date): QuestEvent => ({
  type: "QuestCompleted",
  data: { questName: rules.name, completions },
  questVersion: rules.version,
  occurredAt: now,
});

export const claimed = (
  rules: QuestRules,
  claimId: string,
  claims: number,
  now: Date,
): QuestEvent => ({
  type: "RewardClaimed",
  data: { questName: rules.name, claimId, claims, rewards: rules.rewards },
  questVersion: rules.version,
  occurredAt: now,
});

/** The code of the refusal `run` throws; fails the test when it throws anything else. */
export const refusalOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(QuestRefused);
    return error instanceof QuestRefused ? error.refusal.code : "not a refusal";
  }
  throw new Error("expected the command to be refused");
};

/** `given(history).when(command).thenEmits(events)` or `.thenRefuses(code)`. */
export const given = (...history: QuestEvent[]) => ({
  when: (command: QuestCommand) => {
    const run = () => decide(command, replay(history));
    return {
      thenEmits: (expected: QuestEvent[]) => expect(run()).toEqual(expected),
      thenRefuses: (code: string) => expect(refusalOf(run)).toBe(code),
    };
  },
});

/** A player acting over time against fixed quests; keeps their log and state like the store would. */
export const playerOf = (quests: QuestRules[]) => {
  let state = initialState();
  let sequence = 0;
  const log: QuestEvent[] = [];
  const run = (command: QuestCommand): QuestEvent[] => {
    const events = decide(command, state);
    log.push(...events);
    state = events.reduce(evolve, state);
    return events;
  };
  const rulesOf = (questName: string): QuestRules => {
    const rules = quests.find((candidate) => candidate.name === questName);
    if (!rules) throw new Error(`no quest ${questName} in this test`);
    return rules;
  };
  return {
    log,
    state: () => state,
    act: (action: string, now: Date) => run(track(action, `action-${++sequence}`, now, quests)),
    start: (questName: string, now: Date) => run(start(questName, now, quests)),
    claim: (questName: string, now: Date) =>
      run(claim(questName, `claim-${++sequence}`, now, quests)),
    view: (questName: string, now: Date): QuestProgressView =>
      progressOf(state, rulesOf(questName), now),
  };
};
