import { createClient } from "@connectrpc/connect";
import type { Logger } from "@questline/kit/logger";
import { startOutboxDeliverer } from "@questline/kit/outbox/deliverer";
import { serviceTransport } from "@questline/kit/runtime/rpc-client";
import type { ServiceStorage } from "@questline/kit/storage/types";
import { TENANT_HEADER } from "@questline/kit/tenant";
import { TrackingService } from "@questline/proto/processing/v1/tracking_pb";
import type { SignedInEvent, SignInReporter } from "../accounts/service";
import type { AuthTables } from "../schema";
import {
  type ActionReport,
  actionIdOf,
  markDelivered,
  recordReport,
  reportStore,
} from "./report-outbox";

export interface ProcessingReporterOptions {
  storage: ServiceStorage<AuthTables>;
  /** Auth's own `service` token (`selfServiceToken`). */
  serviceToken: () => Promise<string>;
  /** Processing's gRPC address, e.g. `http://127.0.0.1:50053`. */
  processingUrl: string;
  /** How long a sign-in waits for processing before it answers anyway (the outbox retries). */
  deadlineMs: number;
  logger: Logger;
}

/**
 * Reports sign-ins and sign-ups to processing (docs/architecture.md, Sign-in reports): recorded in
 * an outbox in the session's transaction, tried once before the response with a short deadline,
 * then retried from the outbox until processing answers. Processing counts an action id once, so a
 * retry never counts twice.
 */
export function createProcessingReporter(options: ProcessingReporterOptions) {
  const client = createClient(TrackingService, serviceTransport(options.processingUrl));
  async function send(
    tenantId: string,
    report: Pick<ActionReport, "userId" | "action" | "actionId" | "occurredAt">,
  ) {
    await client.trackAction(
      {
        userId: report.userId,
        action: report.action,
        actionId: report.actionId,
        occurredAt: new Date(report.occurredAt).toISOString(),
      },
      {
        headers: {
          authorization: `Bearer ${await options.serviceToken()}`,
          [TENANT_HEADER]: tenantId,
        },
        timeoutMs: options.deadlineMs,
      },
    );
  }

  const store = reportStore(options.storage);
  const deliverer = startOutboxDeliverer<ActionReport>({
    name: "action-reports",
    tenants: () => options.storage.listTenants(),
    store,
    deliver: send,
    logger: options.logger,
  });

  const reporter: SignInReporter = {
    async record(event, tx) {
      const { tables } = await options.storage.tenant(event.principal.tenantId);
      await recordReport(tx, tables, event, options.deadlineMs + 2000);
    },
    async deliver(event: SignedInEvent) {
      const tenantId = event.principal.tenantId;
      const report = {
        userId: event.principal.userId,
        action: event.action,
        actionId: actionIdOf(event),
        occurredAt: event.occurredAt,
      };
      try {
        await send(tenantId, report);
        await markDelivered(options.storage, tenantId, report.actionId, Date.now());
      } catch (error) {
        options.logger.info("sign-in report deferred to the outbox", { tenant: tenantId, error });
      }
    },
  };
  return { reporter, stop: () => deliverer.stop() };
}
