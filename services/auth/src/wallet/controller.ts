/** The caller's wallet ledger, newest entry first, paged with `before`. */
import { authGuard } from "@questline/kit/http/auth";
import { decimal, INT32_MAX } from "@questline/kit/http/numbers";
import { problems } from "@questline/kit/http/problem-schema";
import type { TokenVerifier } from "@questline/kit/tokens";
import { Elysia, t } from "elysia";
import type { Wallet } from "./service";

const ledgerQuery = t.Object({
  limit: t.Optional(decimal("limit", { minimum: 1, maximum: 100, description: "Default 20" })),
  before: t.Optional(
    decimal("before", {
      minimum: 1,
      maximum: INT32_MAX,
      description: "`next_before` of the previous page: older entries",
    }),
  ),
});

const ledgerResponse = t.Object({
  entries: t.Array(
    t.Object({
      position: t.Integer({ description: "1 for the user's first entry, then 2, 3…" }),
      grant_id: t.String(),
      item: t.String(),
      qty: t.Integer(),
      reason: t.String(),
      created_at: t.String({ format: "date-time" }),
    }),
  ),
  next_before: t.Union([t.Integer(), t.Null()], {
    description: "Pass as `before` for the next page; null on the last page",
  }),
});

export const walletController = (deps: { wallet: Wallet; verifier: TokenVerifier }) =>
  new Elysia({ prefix: "/api/v1/auth/wallet", tags: ["wallet"] }).use(authGuard(deps.verifier)).get(
    "/ledger",
    async ({ principal, query }) => {
      const page = await deps.wallet.ledger(principal.tenantId, principal.userId, {
        limit: query.limit ?? 20,
        before: query.before,
      });
      return {
        entries: page.entries.map((entry) => ({
          position: entry.position,
          grant_id: entry.grantId,
          item: entry.item,
          qty: entry.qty,
          reason: entry.reason,
          created_at: new Date(entry.createdAt).toISOString(),
        })),
        next_before: page.nextBefore ?? null,
      };
    },
    {
      auth: true,
      query: ledgerQuery,
      response: { 200: ledgerResponse, ...problems(401, 403, 422) },
      detail: { summary: "The caller's wallet entries, newest first" },
    },
  );
