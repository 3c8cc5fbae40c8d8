/**
 * Not a test of its own: a service on port 0 that says where it listens (the kit's `runService`),
 * then answers `GET /` with "here", for ports.test.ts. Logs a few lines first, as services do.
 */
import { Elysia } from "elysia";
import { createLogger } from "../../logger";
import { runService } from "../../serve";

const logger = createLogger({ service: "listening-fixture" });
logger.info("starting", { note: "not the line the reader looks for" });
console.log("not JSON at all");
await runService({
  app: new Elysia().get("/", () => "here"),
  port: 0,
  hostname: "127.0.0.1",
  logger,
});
for (let line = 0; line < 2000; line++) logger.info("chatter after listening", { line });
