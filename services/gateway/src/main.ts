import { exitOnConfigError } from "@questline/kit/config";
import { createLogger } from "@questline/kit/logger";
import { serveBuilt } from "@questline/kit/serve";
import { loadGatewayConfig } from "./config";
import { createGatewayService } from "./service";

const config = exitOnConfigError(() => loadGatewayConfig());
const logger = createLogger({ service: "gateway", level: config.LOG_LEVEL });
const gateway = exitOnConfigError(() => createGatewayService({ config, logger }));

await serveBuilt(gateway, config, logger);
