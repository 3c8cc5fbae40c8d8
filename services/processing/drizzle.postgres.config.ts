import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./services/processing/src/schema/pg.ts",
  out: "./services/processing/drizzle/postgres",
});
