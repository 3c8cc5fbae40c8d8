import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./services/processing/src/schema/sqlite.ts",
  out: "./services/processing/drizzle/sqlite",
});
