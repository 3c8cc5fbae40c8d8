import { defineConfig } from "drizzle-kit";

// Paths are relative to the repository root: scripts/gen-db.ts runs drizzle-kit from there.
export default defineConfig({
  dialect: "sqlite",
  schema: "./packages/kit/src/storage/testdata/schema/sqlite.ts",
  out: "./packages/kit/src/storage/testdata/drizzle/sqlite",
});
