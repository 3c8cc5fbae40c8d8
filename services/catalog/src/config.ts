import { env, loadConfig } from "@questline/kit/config";
import { serviceSettings } from "@questline/kit/service-config";

export const catalogSettings = {
  ...serviceSettings({ port: 8002, grpcPort: 50051 }),
  /** How often `WatchQuests` looks for changes made by other replicas. */
  WATCH_POLL_MS: env.int(2000, { min: 100 }),
};

export type CatalogConfig = ReturnType<typeof loadCatalogConfig>;

export const loadCatalogConfig = (source: Record<string, string | undefined> = process.env) =>
  loadConfig(catalogSettings, source);
