import { twinTables } from "@questline/kit/storage/twin-tables";
import * as postgres from "./pg";
import * as sqlite from "./sqlite";

/** The processing tables, typed by the Postgres twin (the kit maps the SQLite twin onto it). */
export type ProcessingTables = typeof postgres;

export const processingTables = twinTables({ postgres, sqlite });
