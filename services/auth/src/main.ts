import { exitOnConfigError } from "@questline/kit/config";
import { createLogger } from "@questline/kit/logger";
import { runMigrateCommand } from "@questline/kit/migrate-command";
import { serveBuilt } from "@questline/kit/serve";
import { loadAuthConfig } from "./config";
import { createAuthService } from "./service";
import { openAuthStorage } from "./storage";

const config = exitOnConfigError(() => loadAuthConfig());
const logger = createLogger({ service: "auth", level: config.LOG_LEVEL });
await runMigrateCommand(process.argv, () => openAuthStorage(config, logger));
// Key and client settings are checked while the service is built: report those like the rest.
const service = await createAuthService({ config, logger }).catch((error: unknown) =>
  exitOnConfigError(() => {
    throw error;
  }),
);

await serveBuilt(service, config, logger);
