import * as postgres from "./pg";
import * as sqlite from "./sqlite";

/** The catalog's tables, typed by the Postgres twin (the kit maps the SQLite twin onto it). */
export type CatalogTables = typeof postgres;

export const catalogTables = { postgres, sqlite } as const;
