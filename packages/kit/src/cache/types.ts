/** The read cache (docs/reference/quests.md): strings in, strings out, each entry with a TTL. */
export interface Cache {
  readonly kind: "memory" | "redis" | "upstash";
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(...keys: string[]): Promise<void>;
  /** Adds one to an integer entry (created at 0, no expiry) and returns the new value. */
  incr(key: string): Promise<number>;
  close(): Promise<void>;
}
