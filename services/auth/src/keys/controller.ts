import { Elysia, t } from "elysia";
import type { KeyRing } from "./key-ring";

const jwksResponse = t.Object({
  keys: t.Array(
    t.Object({
      kty: t.Literal("EC"),
      crv: t.Literal("P-256"),
      x: t.String(),
      y: t.String(),
      kid: t.String(),
      alg: t.Literal("ES256"),
      use: t.Literal("sig"),
    }),
  ),
});

/** The public keys that verify access tokens; verifiers cache it and refetch on an unknown `kid`. */
export const jwksController = (keys: KeyRing) => {
  return new Elysia({ tags: ["keys"] }).get(
    "/.well-known/jwks.json",
    ({ set }) => {
      set.headers["cache-control"] = "public, max-age=300";
      return keys.jwks;
    },
    {
      response: { 200: jwksResponse },
      detail: { summary: "Public keys (JWKS) that verify access tokens" },
    },
  );
};
