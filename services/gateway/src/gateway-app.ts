import { createServiceApp, type ServiceAppOptions } from "@questline/kit/http/app";
import { cors } from "./cors";

/** The kit's service app with CORS in front: what the gateway's routes are added to. */
export const gatewayApp = (options: ServiceAppOptions, corsOrigins: readonly string[]) =>
  createServiceApp(options).use(cors(corsOrigins));

export type GatewayApp = ReturnType<typeof gatewayApp>;
