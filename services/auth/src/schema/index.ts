import { twinTables } from "@questline/kit/storage/twin-tables";
import * as postgres from "./pg";
import * as sqlite from "./sqlite";

/** Auth's tables, typed by the Postgres twin (the kit maps the SQLite twin onto it). */
export type AuthTables = typeof postgres;

export const authTables = twinTables({ postgres, sqlite });
