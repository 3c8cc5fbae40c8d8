import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./services/auth/src/schema/pg.ts",
  out: "./services/auth/drizzle/postgres",
});
