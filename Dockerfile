# syntax=docker/dockerfile:1
# One image per service, chosen at build time:
#   docker build --build-arg SERVICE=catalog -t questline-catalog .
# The base is pinned by version tag. Pin it by digest as well (oven/bun:1.4.5-slim@sha256:...) where
# the image registry can be reached: this file was written on a machine without that access.
ARG BUN_IMAGE=oven/bun:1.4.5-slim

# The manifests alone (and the patches the lockfile applies to dependencies), so the dependency
# layer below is rebuilt only when one of them changes, not on every source edit.
FROM ${BUN_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN find . -type f ! -name package.json ! -name bun.lock ! -name bunfig.toml ! -path './patches/*' -delete \
 && find . -type d -empty -delete

# Production dependencies of every workspace, exactly as the committed lockfile says.
FROM ${BUN_IMAGE} AS deps
WORKDIR /app
COPY --from=manifests /src ./
RUN bun install --frozen-lockfile --production --ignore-scripts

FROM ${BUN_IMAGE} AS runtime
ARG SERVICE
RUN test -n "${SERVICE}" || { echo "build with --build-arg SERVICE=gateway|auth|catalog|processing" >&2; exit 1; } \
 && groupadd --system --gid 10001 questline \
 && useradd --system --uid 10001 --gid questline --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin questline \
 && mkdir -p /data \
 && chown questline:questline /data
WORKDIR /app
COPY --from=deps /app ./
COPY packages ./packages
# The service's own folder brings its drizzle/ migrations, read at run time.
COPY services/${SERVICE} ./services/${SERVICE}
COPY deploy/healthcheck.ts ./healthcheck.ts
# The transpiler cache is off: the root filesystem is read-only in Kubernetes.
ENV NODE_ENV=production \
    SERVICE=${SERVICE} \
    DATA_DIR=/data \
    MIGRATIONS_DIR=/app/services/${SERVICE}/drizzle \
    BUN_RUNTIME_TRANSPILER_CACHE_PATH=0
WORKDIR /app/services/${SERVICE}
USER 10001:10001
# Each service listens on its own pair (SPEC §1): gateway 8000; auth 8001 and 50052;
# catalog 8002 and 50051; processing 8003 and 50053. PORT and GRPC_PORT override them.
EXPOSE 8000-8003 50051-50053
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bun", "/app/healthcheck.ts"]
# `docker run questline-catalog` serves; `docker run questline-catalog migrate` applies the
# migrations to DATABASE_URL and exits.
ENTRYPOINT ["bun", "src/main.ts"]
