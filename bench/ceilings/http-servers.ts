/**
 * The HTTP ceiling of this machine, as a child process of the bench: a minimal `Bun.serve` JSON
 * route, and a minimal Elysia app with a GET JSON route and a POST route whose body is checked by
 * a TypeBox schema (what every Questline route does before any work). Prints its ports as JSON.
 */
import { Elysia, t } from "elysia";

const quest = { id: 1, name: "sign-in-three-times", title: "Sign in three times", target: 3 };

const bun = Bun.serve({ port: 0, fetch: () => Response.json(quest) });

const elysia = new Elysia()
  .get("/quest", () => quest)
  .post("/track", ({ body }) => ({ status: "tracked", action: body.action, quests: [] }), {
    body: t.Object(
      {
        action: t.String({ pattern: "^[a-z][a-z0-9_.:-]{0,63}$" }),
        idempotency_key: t.Optional(t.String()),
      },
      { additionalProperties: false },
    ),
  })
  .listen(0);

console.log(JSON.stringify({ bun: bun.port, elysia: elysia.server?.port }));
process.on("SIGTERM", () => process.exit(0));
