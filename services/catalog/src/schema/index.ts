import { twinTables } from "@questline/kit/storage/twin-tables";
import * as postgres from "./pg";
import * as sqlite from "./sqlite";

/** The catalog's tables, typed by the Postgres twin (the kit maps the SQLite twin onto it). */
export type CatalogTables = typeof postgres;

export const catalogTables = twinTables({ postgres, sqlite });
