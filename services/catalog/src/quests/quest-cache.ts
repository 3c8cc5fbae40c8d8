import type { Cache } from "@questline/kit/cache/types";
import type { Quest } from "./quest";
import { fromQuestJson, type QuestJson, toQuestJson } from "./quest-json";
import type { QuestKey } from "./repository";

const TTL_SECONDS = 300;
/** Decoded entries kept beside the cache's text (a quest read is mostly this decode otherwise). */
const MAX_DECODED = 1_000;

/** A cached quest and its REST shape, decoded once per cached text and shared by every read. */
export interface CachedQuest {
  quest: Quest;
  json: Readonly<QuestJson>;
}

/**
 * Read-through cache of a tenant's quests. Keys carry the tenant's generation; a write replaces it
 * with a fresh one, which invalidates every entry of that tenant at once and cannot be undone by a
 * slow reader that stores what it read before the write.
 */
export class QuestCache {
  readonly #decoded = new Map<string, CachedQuest>();

  constructor(private readonly cache: Cache) {}

  async list(tenantId: string, load: () => Promise<Quest[]>): Promise<Quest[]> {
    const key = `${await this.prefix(tenantId)}list`;
    const hit = await this.cache.get(key);
    if (hit !== null) return (JSON.parse(hit) as QuestJson[]).map(fromQuestJson);
    const quests = await load();
    await this.cache.set(key, JSON.stringify(quests.map(toQuestJson)), TTL_SECONDS);
    return quests;
  }

  async one(
    tenantId: string,
    key: QuestKey,
    load: () => Promise<Quest | undefined>,
  ): Promise<CachedQuest | undefined> {
    const cacheKey = `${await this.prefix(tenantId)}${"id" in key ? `id:${key.id}` : `name:${key.name}`}`;
    const hit = await this.cache.get(cacheKey);
    if (hit !== null) return hit === "" ? undefined : this.decode(hit);
    const quest = await load();
    const json = quest && toQuestJson(quest);
    await this.cache.set(cacheKey, json ? JSON.stringify(json) : "", TTL_SECONDS);
    return quest && json && { quest, json };
  }

  /** The quest a cached text holds; the text is the key, so a changed quest is a new entry. */
  private decode(text: string): CachedQuest {
    let entry = this.#decoded.get(text);
    if (entry === undefined) {
      if (this.#decoded.size >= MAX_DECODED) this.#decoded.clear();
      const json = JSON.parse(text) as QuestJson;
      entry = { quest: fromQuestJson(json), json };
      this.#decoded.set(text, entry);
    }
    return entry;
  }

  async invalidate(tenantId: string): Promise<void> {
    await this.cache.set(generationKey(tenantId), freshGeneration(), GENERATION_TTL_SECONDS);
  }

  private async prefix(tenantId: string): Promise<string> {
    const key = generationKey(tenantId);
    let generation = await this.cache.get(key);
    if (generation === null) {
      generation = freshGeneration();
      await this.cache.set(key, generation, GENERATION_TTL_SECONDS);
    }
    return `catalog:${tenantId}:${generation}:`;
  }
}

const GENERATION_TTL_SECONDS = 7 * 24 * 3600;

const generationKey = (tenantId: string) => `catalog:${tenantId}:generation`;

/** Never reused, so entries of a lost or replaced generation can never be served again. */
const freshGeneration = () => `${Date.now().toString(36)}${crypto.randomUUID().slice(0, 8)}`;
