import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./services/catalog/src/schema/pg.ts",
  out: "./services/catalog/drizzle/postgres",
});
