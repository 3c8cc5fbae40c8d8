/** `POST /api/v1/auth/token`: client credentials in, a short-lived `service` token out. */
import { unauthenticated } from "@questline/kit/errors";
import { jsonBody } from "@questline/kit/http/body-parser";
import { problems } from "@questline/kit/http/problem-schema";
import { strictObject } from "@questline/kit/http/strict-object";
import { DEFAULT_TENANT } from "@questline/kit/tenant";
import { Elysia, t } from "elysia";
import type { AccessTokenIssuer } from "../tokens/access-token-issuer";
import type { ServiceClientRegistry } from "./service";

const tokenBody = strictObject({
  grant_type: t.Literal("client_credentials"),
  client_id: t.String({ minLength: 1, maxLength: 64, examples: ["processing"] }),
  client_secret: t.String({ minLength: 1, maxLength: 256 }),
});

const tokenResponse = t.Object({
  access_token: t.String(),
  token_type: t.Literal("Bearer"),
  expires_in: t.Integer({ description: "Seconds until the token expires" }),
});

export interface TokenControllerDeps {
  clients: ServiceClientRegistry;
  tokens: AccessTokenIssuer;
  ttlSeconds: number;
}

/** Service tokens carry only `service`, for tenant `default`; a call names another tenant in `x-tenant-id`. */
export const tokenController = (deps: TokenControllerDeps) =>
  new Elysia({ prefix: "/api/v1/auth", tags: ["service credentials"] }).post(
    "/token",
    async ({ body }) => {
      const clientId = deps.clients.authenticate(body.client_id, body.client_secret);
      if (clientId === undefined) {
        throw unauthenticated("The client id or secret is wrong", "invalid_client");
      }
      const issued = await deps.tokens.issue(
        { userId: `service:${clientId}`, tenantId: DEFAULT_TENANT, roles: ["service"] },
        deps.ttlSeconds,
      );
      return {
        access_token: issued.token,
        token_type: "Bearer" as const,
        expires_in: deps.ttlSeconds,
      };
    },
    {
      body: tokenBody,
      parse: jsonBody,
      response: { 200: tokenResponse, ...problems(400, 401, 422) },
      detail: {
        summary: "Obtain a service token (client credentials)",
        description: "For Questline's own services. The token has the `service` role only.",
      },
    },
  );
