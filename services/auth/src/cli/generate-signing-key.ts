/**
 * Prints a new private signing key (an EC P-256 JWK with a fresh `kid`) for `AUTH_SIGNING_KEYS`.
 * See the README's rotation steps for where it goes in the list.
 */
import { generatePrivateJwk } from "../keys/signing-key";

console.log(JSON.stringify(await generatePrivateJwk()));
