import { strictObject } from "@questline/kit/http/strict-object";
import { t } from "elysia";

export const credentialsBody = strictObject({
  user_name: t.String({
    pattern: "^[A-Za-z0-9_.-]{3,32}$",
    description: "3-32 of A-Z a-z 0-9 _ . -, unique per tenant (whatever the case)",
    examples: ["ada"],
  }),
  password: t.String({ minLength: 8, maxLength: 128, examples: ["correct horse"] }),
});

export const refreshBody = strictObject({
  refresh_token: t.String({ minLength: 1, maxLength: 256 }),
});

export const tokenPairResponse = t.Object({
  user_id: t.String(),
  user_name: t.String(),
  token: t.String({ description: "Access token (JWT, ES256), valid 15 minutes" }),
  refresh_token: t.String({ description: "Opaque, single use; spent by /refresh" }),
});

export const profileResponse = t.Object({
  user_id: t.String(),
  user_name: t.String(),
  roles: t.Array(t.String()),
  balances: t.Record(t.String(), t.Integer(), { examples: [{ gold: 100, diamond: 20 }] }),
});

export const tenantHeader = t.Object({
  "x-tenant-id": t.Optional(
    t.String({ description: "The tenant of this call (default `default`)", examples: ["default"] }),
  ),
});
