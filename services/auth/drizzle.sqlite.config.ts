import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./services/auth/src/schema/sqlite.ts",
  out: "./services/auth/drizzle/sqlite",
});
