/**
 * The container's HEALTHCHECK (slim images have no curl): exits 0 when the service's GET /health
 * answers 2xx within three seconds, 1 otherwise. The port is PORT or the service's default.
 */
const defaultPorts: Readonly<Record<string, number>> = {
  gateway: 8000,
  auth: 8001,
  catalog: 8002,
  processing: 8003,
};

const port = process.env.PORT ?? String(defaultPorts[process.env.SERVICE ?? ""] ?? 8000);

fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(3000) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
