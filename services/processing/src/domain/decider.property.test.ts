import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { DAILY_LOGIN_STREAK, quest, SIGN_IN_THREE_TIMES, SIGN_UP } from "../testing/decider";
import type { QuestCommand } from "./commands";
import { decide } from "./decide";
import type { QuestEvent } from "./events";
import { type QuestRules, questBook } from "./quest-rules";
import { QuestRefused } from "./refusals";
import { evolve, initialState, replay, type UserQuestsState } from "./state";

const QUESTS: QuestRules[] = [
  SIGN_IN_THREE_TIMES,
  SIGN_UP,
  DAILY_LOGIN_STREAK,
  quest({
    name: "lord-howe-days",
    trigger: "play",
    target: 3,
    cadence: "daily",
    consecutive: true,
    timezone: "Australia/Lord_Howe",
    maxCompletions: 4,
    autoClaim: true,
  }),
  quest({
    name: "new-york-opt-in",
    trigger: "play",
    target: 2,
    cadence: "daily",
    timezone: "America/New_York",
    autoStart: false,
    startsAt: new Date("2024-03-05T00:00:00Z"),
    endsAt: new Date("2024-04-20T00:00:00Z"),
  }),
  quest({ name: "hidden", trigger: "signin", status: "draft" }),
];
const BOOK = questBook(QUESTS);
const NAMES = [...QUESTS.map((rules) => rules.name), "no-such-quest"];

type Step =
  | { kind: "wait"; minutes: number }
  | { kind: "act"; action: string }
  | { kind: "start"; questName: string }
  | { kind: "claim"; questName: string };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("wait"), minutes: fc.integer({ min: 1, max: 3 * 24 * 60 }) }),
  fc.record({ kind: fc.constant("act"), action: fc.constantFrom("signin", "signup", "play", "x") }),
  fc.record({ kind: fc.constant("start"), questName: fc.constantFrom(...NAMES) }),
  fc.record({ kind: fc.constant("claim"), questName: fc.constantFrom(...NAMES) }),
);

const commandFor = (step: Step, now: Date, id: string): QuestCommand | null => {
  switch (step.kind) {
    case "wait":
      return null;
    case "act":
      return { type: "TrackAction", action: step.action, actionId: id, now, quests: BOOK };
    case "start":
      return { type: "StartQuest", questName: step.questName, now, quests: BOOK };
    case "claim":
      return { type: "ClaimReward", questName: step.questName, claimId: id, now, quests: BOOK };
  }
};

const expectInvariants = (state: UserQuestsState) => {
  for (const rules of QUESTS) {
    const standing = state.quests.get(rules.name);
    if (!standing) continue;
    expect(standing.claims).toBeLessThanOrEqual(standing.completions);
    if (rules.maxCompletions !== null) {
      expect(standing.completions).toBeLessThanOrEqual(rules.maxCompletions);
    }
    expect(standing.progress).toBeGreaterThanOrEqual(0);
    expect(standing.progress).toBeLessThan(rules.target);
  }
};

// The store hands events back as parsed JSON with the time from its own column.
const throughStorage = (event: QuestEvent): QuestEvent =>
  ({ ...event, data: JSON.parse(JSON.stringify(event.data)) }) as QuestEvent;

describe("the decider over random histories", () => {
  test("keeps its invariants, refuses only with QuestRefused, and replays to the same state", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2024-03-01"), max: new Date("2024-11-30"), noInvalidDate: true }),
        fc.array(stepArbitrary, { maxLength: 120 }),
        (start, steps) => {
          let now = start;
          let state = initialState();
          const log: QuestEvent[] = [];
          steps.forEach((step, index) => {
            if (step.kind === "wait") now = new Date(now.getTime() + step.minutes * 60_000);
            const command = commandFor(step, now, `id-${index}`);
            if (!command) return;
            let events: QuestEvent[] = [];
            try {
              events = decide(command, state);
            } catch (error) {
              expect(error).toBeInstanceOf(QuestRefused);
            }
            if (command.type === "TrackAction") expect(events[0]?.type).toBe("ActionTracked");
            log.push(...events);
            state = events.reduce(evolve, state);
            expectInvariants(state);
          });
          expect(replay(log.map(throughStorage))).toEqual(state);
        },
      ),
      { numRuns: 300 },
    );
  });
});
