/** The account routes (docs/reference/auth.md): signup, signin, refresh, signout and `me`. */
import { authGuard } from "@questline/kit/http/auth";
import { jsonBody } from "@questline/kit/http/body-parser";
import { type ClientAddressResolver, socketAddress } from "@questline/kit/http/client-address";
import { problems } from "@questline/kit/http/problem-schema";
import type { TokenVerifier } from "@questline/kit/tokens";
import { Elysia, t } from "elysia";
import { tenantOfRequest } from "../http/request-context";
import type { SessionService } from "../sessions/service";
import type { TokenPair } from "../sessions/session-issuer";
import {
  credentialsBody,
  profileResponse,
  refreshBody,
  tenantHeader,
  tokenPairResponse,
} from "./model";
import type { AccountService } from "./service";

export interface AccountsControllerDeps {
  accounts: AccountService;
  sessions: SessionService;
  verifier: TokenVerifier;
  clientAddress: ClientAddressResolver;
}

const toBody = (pair: TokenPair) => ({
  user_id: pair.userId,
  user_name: pair.userName,
  token: pair.token,
  refresh_token: pair.refreshToken,
});

export const accountsController = (deps: AccountsControllerDeps) =>
  new Elysia({ prefix: "/api/v1/auth", tags: ["accounts"] })
    .use(authGuard(deps.verifier))
    .post(
      "/signup",
      async ({ body, headers, request, server, status }) => {
        const credentials = { userName: body.user_name, password: body.password };
        const address = deps.clientAddress(socketAddress(request, server), request.headers);
        const pair = await deps.accounts.signup(tenantOfRequest(headers), credentials, address);
        return status(201, toBody(pair));
      },
      {
        body: credentialsBody,
        parse: jsonBody,
        headers: tenantHeader,
        response: { 201: tokenPairResponse, ...problems(400, 404, 409, 422, 429) },
        detail: {
          summary: "Create an account and sign in",
          description: "One client address may sign up a limited number of times an hour (429).",
        },
      },
    )
    .post(
      "/signin",
      async ({ body, headers, request, server }) => {
        const tenantId = tenantOfRequest(headers);
        const credentials = { userName: body.user_name, password: body.password };
        const address = deps.clientAddress(socketAddress(request, server), request.headers);
        return toBody(await deps.accounts.signin(tenantId, credentials, address));
      },
      {
        body: credentialsBody,
        parse: jsonBody,
        headers: tenantHeader,
        response: { 200: tokenPairResponse, ...problems(400, 401, 404, 422, 429) },
        detail: {
          summary: "Sign in",
          description:
            "A wrong name and a wrong password get the same 401. Repeated failures lock the account for a while (429 with Retry-After).",
        },
      },
    )
    .post(
      "/refresh",
      async ({ body, headers }) =>
        toBody(await deps.sessions.refresh(tenantOfRequest(headers), body.refresh_token)),
      {
        body: refreshBody,
        parse: jsonBody,
        headers: tenantHeader,
        response: { 200: tokenPairResponse, ...problems(400, 401, 404, 422) },
        detail: {
          summary: "Exchange a refresh token for a new pair",
          description:
            "The refresh token is spent. Presenting a spent one signs out every session of its chain.",
        },
      },
    )
    .post(
      "/signout",
      async ({ body, headers, status }) => {
        await deps.sessions.signout(tenantOfRequest(headers), body.refresh_token);
        return status(204, undefined);
      },
      {
        body: refreshBody,
        parse: jsonBody,
        headers: tenantHeader,
        response: { 204: t.Void(), ...problems(400, 404, 422) },
        detail: { summary: "Revoke a refresh token and its chain" },
      },
    )
    .get(
      "/me",
      async ({ principal }) => {
        const profile = await deps.accounts.me(principal);
        return {
          user_id: profile.userId,
          user_name: profile.userName,
          roles: profile.roles,
          balances: profile.balances,
        };
      },
      {
        auth: true,
        response: { 200: profileResponse, ...problems(401, 403, 404) },
        detail: { summary: "The caller's account and balances" },
      },
    );
