import { authGuard } from "@questline/kit/http/auth";
import { problemSchema, problems } from "@questline/kit/http/problem-schema";
import type { TokenVerifier } from "@questline/kit/tokens";
import { Elysia, t } from "elysia";
import { progressJson } from "../tracking/model";
import type { Tracker } from "../tracking/service";

const errors = problems(400, 401, 403, 404, 503);

/** Admin views of SPEC §5: any user's progress, and a rebuild of the projection. */
export const adminController = (tracker: Tracker, verifier: TokenVerifier) =>
  new Elysia({ prefix: "/api/v1/track/admin", tags: ["admin"] })
    .use(authGuard(verifier))
    .get("/users/:id/progress", ({ tenantId, params }) => tracker.progress(tenantId, params.id), {
      auth: "admin",
      // User ids are printable ASCII (a token's `sub`): anything else names nobody.
      params: t.Object({ id: t.String({ pattern: "^[\\x21-\\x7e]{1,128}$" }) }),
      response: { 200: t.Array(progressJson), ...errors, 422: problemSchema },
      detail: { summary: "A user's progress in every published quest" },
    })
    .post("/rebuild", ({ tenantId }) => tracker.rebuild(tenantId), {
      auth: "admin",
      response: {
        200: t.Object({
          equal: t.Boolean({ description: "The rebuilt projection equals the one it replaced" }),
          users: t.Integer(),
          events: t.Integer(),
        }),
        ...errors,
      },
      detail: { summary: "Drop the tenant's progress projection and replay it from the event log" },
    });
