import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./services/catalog/src/schema/sqlite.ts",
  out: "./services/catalog/drizzle/sqlite",
});
