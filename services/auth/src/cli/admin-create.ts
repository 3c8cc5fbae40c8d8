/**
 * `bun run admin:create --tenant T --user NAME`: creates the user as an admin of tenant T, or
 * makes an existing user an admin (with the given password). The password comes from
 * `QUESTLINE_ADMIN_PASSWORD` or the first line of stdin, never from the command line.
 */
import { parseArgs } from "node:util";
import { exitOnConfigError } from "@questline/kit/config";
import { isAppError } from "@questline/kit/errors";
import { createLogger } from "@questline/kit/logger";
import { DEFAULT_TENANT, isTenantId } from "@questline/kit/tenant";
import { createOrPromoteAdmin } from "../accounts/admin-accounts";
import { loadAuthConfig } from "../config";
import { createArgon2idHasher } from "../passwords/password-hasher";
import { openAuthStorage } from "../storage";

const USER_NAME = /^[A-Za-z0-9_.-]{3,32}$/;

function fail(message: string): never {
  console.error(`admin:create: ${message}`);
  process.exit(2);
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.QUESTLINE_ADMIN_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  if (process.stdin.isTTY) process.stderr.write("password: ");
  let text = "";
  process.stdin.setEncoding("utf8");
  for await (const chunk of process.stdin) {
    text += chunk;
    if (text.includes("\n")) break;
  }
  return text.split(/\r?\n/)[0] ?? "";
}

const { values } = parseArgs({
  options: { tenant: { type: "string", default: DEFAULT_TENANT }, user: { type: "string" } },
  strict: true,
});
const tenantId = values.tenant ?? DEFAULT_TENANT;
const userName = values.user ?? fail("--user NAME is required");
if (!isTenantId(tenantId)) fail(`"${tenantId}" is not a valid tenant id`);
if (!USER_NAME.test(userName)) fail("the user name must be 3-32 of A-Z a-z 0-9 _ . -");
const password = await readPassword();
if (password.length < 8 || password.length > 128) fail("the password must have 8-128 characters");

const config = exitOnConfigError(() => loadAuthConfig());
const logger = createLogger({ service: "auth", level: "warn" });
const storage = await openAuthStorage(config, logger);
try {
  const passwords = createArgon2idHasher({
    memoryCost: config.PASSWORD_MEMORY_KIB,
    timeCost: config.PASSWORD_TIME_COST,
  });
  const result = await createOrPromoteAdmin(storage, passwords, { tenantId, userName, password });
  console.log(
    `${result.outcome === "created" ? "created" : "promoted"} admin "${userName}" (${result.userId}) in tenant "${tenantId}"`,
  );
} catch (error) {
  if (isAppError(error)) fail(error.detail);
  throw error;
} finally {
  await storage.close();
}
