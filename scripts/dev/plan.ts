/**
 * What `bun run dev` starts and how the services find each other: ports from two bases
 * (`QUESTLINE_PORT_BASE`, default 8000, and `QUESTLINE_GRPC_PORT_BASE`, default 50051, so a second
 * copy can run beside the first), the shared data dir, and the Postgres/Redis passthrough.
 */
import { join, resolve } from "node:path";
import type { DevSecrets } from "./secrets";

export const ROOT = resolve(import.meta.dir, "..", "..");

export type ServiceName = "auth" | "catalog" | "processing" | "gateway";

export interface DevService {
  name: ServiceName;
  main: string;
  httpPort: number;
  env: Record<string, string>;
}

export interface DevPlan {
  dataDir: string;
  services: DevService[];
  gatewayUrl: string;
  /** Env of each service, also for the one-shot commands (seed, admin creation). */
  envOf(name: ServiceName): Record<string, string>;
}

function intFrom(raw: string | undefined, fallback: number, variable: string): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65_000) {
    throw new Error(`${variable} must be a port number, got "${raw}"`);
  }
  return value;
}

/** Each service owns its database: only `DATABASE_URL_<SERVICE>` reaches it, as `DATABASE_URL`. */
function storageEnv(
  name: ServiceName,
  source: Record<string, string | undefined>,
): Record<string, string> {
  const databaseUrl = source[`DATABASE_URL_${name.toUpperCase()}`];
  return databaseUrl ? { DATABASE_URL: databaseUrl } : {};
}

/** The parent's environment minus what must differ per service. */
function inherited(source: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value !== undefined && !["PORT", "GRPC_PORT", "DATABASE_URL"].includes(key))
      env[key] = value;
  }
  return env;
}

/** `DATA_DIR` (default `.data`) as an absolute path. */
export const devDataDir = (source = process.env) => resolve(ROOT, source.DATA_DIR || ".data");

export function devPlan(dataDir: string, secrets: DevSecrets, source = process.env): DevPlan {
  const http = intFrom(source.QUESTLINE_PORT_BASE, 8000, "QUESTLINE_PORT_BASE");
  const grpc = intFrom(source.QUESTLINE_GRPC_PORT_BASE, 50051, "QUESTLINE_GRPC_PORT_BASE");
  const ports = {
    gateway: { http, grpc: 0 },
    auth: { http: http + 1, grpc: grpc + 1 },
    catalog: { http: http + 2, grpc },
    processing: { http: http + 3, grpc: grpc + 2 },
  };
  const local = (port: number) => `http://127.0.0.1:${port}`;
  const common = {
    ...inherited(source),
    DATA_DIR: dataDir,
    AUTH_JWKS_URL: `${local(ports.auth.http)}/.well-known/jwks.json`,
  };
  const own: Record<ServiceName, Record<string, string>> = {
    auth: {
      SERVICE_CLIENTS: `processing:${secrets.processing},gateway:${secrets.gateway}`,
      PROCESSING_GRPC_URL: local(ports.processing.grpc),
      CATALOG_GRPC_URL: local(ports.catalog.grpc),
      // Auth sits behind the gateway, which appends the client's address it determined.
      TRUSTED_PROXY_HEADER: "x-forwarded-for",
    },
    // The gateway forwards players' streams: per-address stream limits count the client's address.
    catalog: { TRUSTED_PROXY_HEADER: "x-forwarded-for" },
    processing: {
      TRUSTED_PROXY_HEADER: "x-forwarded-for",
      AUTH_URL: local(ports.auth.http),
      AUTH_GRPC_URL: local(ports.auth.grpc),
      CATALOG_GRPC_URL: local(ports.catalog.grpc),
      SERVICE_CLIENT_ID: "processing",
      SERVICE_CLIENT_SECRET: secrets.processing,
    },
    gateway: {
      AUTH_URL: local(ports.auth.http),
      CATALOG_URL: local(ports.catalog.http),
      PROCESSING_URL: local(ports.processing.http),
      SERVICE_CLIENT_ID: "gateway",
      SERVICE_CLIENT_SECRET: secrets.gateway,
    },
  };
  const envOf = (name: ServiceName) => ({
    ...common,
    ...storageEnv(name, source),
    ...own[name],
    PORT: String(ports[name].http),
    GRPC_PORT: String(ports[name].grpc),
  });

  const order: ServiceName[] = ["auth", "catalog", "processing", "gateway"];
  const mainOf = (name: ServiceName) => join(ROOT, "services", name, "src", "main.ts");
  return {
    dataDir,
    services: order.map((name) => ({
      name,
      main: mainOf(name),
      httpPort: ports[name].http,
      env: envOf(name),
    })),
    gatewayUrl: local(ports.gateway.http),
    envOf,
  };
}
