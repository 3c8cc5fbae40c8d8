# workerd's configuration for the catalog's edge bundle (`bun run build:edge` copies it beside
# catalog.mjs in dist/edge; `bun run edge:serve` runs it). On Cloudflare the same settings are the
# Worker's variables and secrets; see docs/deploy.md, "Cloudflare Workers".
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "catalog", worker = .catalog),
    # Postgres, Upstash and auth's JWKS on this machine or a private network: workerd's default
    # network reaches public addresses only.
    (name = "network", network = (allow = ["public", "private", "local"])),
  ],
  # edge:serve and the tests replace the address with `--socket-addr http=127.0.0.1:<port>`.
  sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "catalog")],
);

const catalog :Workerd.Worker = (
  modules = [(name = "catalog.mjs", esModule = embed "catalog.mjs")],
  # node:* modules (async_hooks, buffer, stream…) come with nodejs_compat, on by default from
  # 2026-08-04 (so not listed): postgres-js, the kit's per-request connection, Elysia need them.
  compatibilityDate = "2026-11-01",
  globalOutbound = "network",
  # Each setting is read from workerd's own environment; an unset one is absent.
  bindings = [
    (name = "DATABASE_URL", fromEnvironment = "DATABASE_URL"),
    (name = "UPSTASH_REDIS_REST_URL", fromEnvironment = "UPSTASH_REDIS_REST_URL"),
    (name = "UPSTASH_REDIS_REST_TOKEN", fromEnvironment = "UPSTASH_REDIS_REST_TOKEN"),
    (name = "CACHE_PREFIX", fromEnvironment = "CACHE_PREFIX"),
    (name = "AUTH_JWKS_URL", fromEnvironment = "AUTH_JWKS_URL"),
    (name = "AUTH_ISSUER", fromEnvironment = "AUTH_ISSUER"),
    (name = "AUTH_AUDIENCE", fromEnvironment = "AUTH_AUDIENCE"),
    (name = "LOG_LEVEL", fromEnvironment = "LOG_LEVEL"),
    (name = "METRICS_TOKEN", fromEnvironment = "METRICS_TOKEN"),
    (name = "MAX_BODY_BYTES", fromEnvironment = "MAX_BODY_BYTES"),
    (name = "MAX_MESSAGE_BYTES", fromEnvironment = "MAX_MESSAGE_BYTES"),
  ],
);
