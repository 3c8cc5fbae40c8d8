/**
 * What the manifests must say, written once from SPEC §1 and the services' configuration: each
 * service's ports, who calls it on which port, and whether it keeps data. The tests compare the
 * rendered manifests with this table.
 */
export type ServiceName = "gateway" | "auth" | "catalog" | "processing";

export interface ServiceShape {
  name: ServiceName;
  httpPort: number;
  grpcPort?: number;
  /** Callers of the HTTP port; "anyone" for the public entry point. */
  httpCallers: readonly ServiceName[] | "anyone";
  grpcCallers: readonly ServiceName[];
  /** Keeps data (SQLite or Postgres): migrated, and a StatefulSet in the local overlay. */
  hasDatabase: boolean;
}

export const services: readonly ServiceShape[] = [
  {
    name: "gateway",
    httpPort: 8000,
    httpCallers: "anyone",
    grpcCallers: [],
    hasDatabase: false,
  },
  {
    name: "auth",
    httpPort: 8001,
    grpcPort: 50052,
    // The gateway proxies auth's API; catalog, processing and the gateway fetch its JWKS.
    httpCallers: ["catalog", "gateway", "processing"],
    grpcCallers: ["processing"],
    hasDatabase: true,
  },
  {
    name: "catalog",
    httpPort: 8002,
    grpcPort: 50051,
    httpCallers: ["gateway"],
    // Processing reads and watches quests; auth provisions tenants (TenantService).
    grpcCallers: ["auth", "processing"],
    hasDatabase: true,
  },
  {
    name: "processing",
    httpPort: 8003,
    grpcPort: 50053,
    httpCallers: ["gateway"],
    grpcCallers: ["auth"],
    hasDatabase: true,
  },
];

/**
 * The namespace Prometheus runs in: it may reach every service's HTTP port for `/metrics` (which
 * also needs `METRICS_TOKEN`). The gateway's port is open to anyone anyway.
 */
export const metricsNamespace = "monitoring";

/** Ports of the stores outside the cluster that services may reach: Postgres and Redis. */
export const storePorts: readonly number[] = [5432, 6379];

/** Variables that hold credentials: never in a ConfigMap, an env value or the repository. */
export const secretVariables: readonly string[] = [
  "DATABASE_URL",
  "REDIS_URL",
  "UPSTASH_REDIS_REST_TOKEN",
  "AUTH_SIGNING_KEYS",
  "SERVICE_CLIENTS",
  "SERVICE_CLIENT_SECRET",
  "METRICS_TOKEN",
];

export const serviceNames: readonly ServiceName[] = services.map((service) => service.name);
