import { isAppError } from "@questline/kit/errors";
import type { QuestDraft } from "./quest";
import type { QuestCatalog } from "./service";

/** The example quests of SPEC §8, loaded into tenant `default` by the dev runner. */
export const EXAMPLE_QUESTS: readonly QuestDraft[] = [
  {
    name: "sign-in-three-times",
    title: "Sign in three times",
    description: "Sign in three times to earn 10 diamonds.",
    trigger: "signin",
    target: 3,
    cadence: "any",
    consecutive: false,
    timezone: "UTC",
    maxCompletions: 2,
    autoClaim: false,
    autoStart: true,
    rewards: [{ item: "diamond", qty: 10 }],
    startsAt: null,
    endsAt: null,
  },
  {
    name: "sign-up",
    title: "Sign up",
    description: "Create an account to earn 100 gold.",
    trigger: "signup",
    target: 1,
    cadence: "any",
    consecutive: false,
    timezone: "UTC",
    maxCompletions: 1,
    autoClaim: true,
    autoStart: true,
    rewards: [{ item: "gold", qty: 100 }],
    startsAt: null,
    endsAt: null,
  },
  {
    name: "daily-login-streak",
    title: "Log in 7 days in a row",
    description:
      "Sign in on 7 consecutive days (UTC) to earn 50 diamonds; a missed day starts over.",
    trigger: "signin",
    target: 7,
    cadence: "daily",
    consecutive: true,
    timezone: "UTC",
    maxCompletions: null,
    autoClaim: false,
    autoStart: true,
    rewards: [{ item: "diamond", qty: 50 }],
    startsAt: null,
    endsAt: null,
  },
];

/**
 * Creates and publishes the example quests a tenant does not have yet; quests it has are left as
 * they are (an operator may have changed them). Returns the names it created.
 */
export async function seedExamples(catalog: QuestCatalog, tenantId: string): Promise<string[]> {
  const created: string[] = [];
  for (const example of EXAMPLE_QUESTS) {
    try {
      const quest = await catalog.create(tenantId, example, "published");
      created.push(quest.name);
    } catch (error) {
      if (!(isAppError(error) && error.code === "name_taken")) throw error;
    }
  }
  return created;
}
