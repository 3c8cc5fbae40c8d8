import { isAppError } from "@questline/kit/errors";
import { EXAMPLE_QUESTS } from "./examples";
import type { QuestCatalog } from "./quest-catalog";

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
