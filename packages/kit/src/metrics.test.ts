import { describe, expect, test } from "bun:test";
import { createMetrics, MetricsRegistry } from "./metrics";

describe("MetricsRegistry", () => {
  test("renders counters per label set with HELP and TYPE lines", () => {
    const registry = new MetricsRegistry();
    const requests = registry.counter("http_requests_total", "Requests served.");
    requests.inc({ method: "GET", status: 200 });
    requests.inc({ status: 200, method: "GET" }, 2);
    requests.inc({ method: "POST", status: 422 });
    expect(registry.render()).toBe(
      [
        "# HELP http_requests_total Requests served.",
        "# TYPE http_requests_total counter",
        'http_requests_total{method="GET",status="200"} 3',
        'http_requests_total{method="POST",status="422"} 1',
        "",
      ].join("\n"),
    );
  });

  test("renders histograms with cumulative buckets, sum and count", () => {
    const registry = new MetricsRegistry();
    const latency = registry.histogram("latency_seconds", "Latency.", [0.1, 1]);
    latency.observe(0.05, { route: "/q" });
    latency.observe(0.5, { route: "/q" });
    latency.observe(3, { route: "/q" });
    expect(registry.render().split("\n").slice(2, 7)).toEqual([
      'latency_seconds_bucket{le="0.1",route="/q"} 1',
      'latency_seconds_bucket{le="1",route="/q"} 2',
      'latency_seconds_bucket{le="+Inf",route="/q"} 3',
      'latency_seconds_sum{route="/q"} 3.55',
      'latency_seconds_count{route="/q"} 3',
    ]);
  });

  test("a kept series handle counts into the same series as labels do; a bound is inclusive", () => {
    const registry = new MetricsRegistry();
    const requests = registry.counter("requests_total", "Requests.");
    const latency = registry.histogram("latency_seconds", "Latency.", [0.1, 1]);
    const get = requests.series({ method: "GET" });
    get.inc();
    get.inc(2);
    requests.inc({ method: "GET" });
    const route = latency.series({ route: "/q" });
    route.observe(0.1);
    latency.observe(1, { route: "/q" });
    const text = registry.render();
    expect(text).toContain('requests_total{method="GET"} 4');
    expect(text).toContain('latency_seconds_bucket{le="0.1",route="/q"} 1');
    expect(text).toContain('latency_seconds_bucket{le="1",route="/q"} 2');
    expect(text).toContain('latency_seconds_bucket{le="+Inf",route="/q"} 2');
  });

  test("escapes quotes, backslashes and newlines in label values", () => {
    const registry = new MetricsRegistry();
    registry.gauge("g", "A gauge.").set(1, { path: 'a"b\\c\nd' });
    expect(registry.render()).toContain('g{path="a\\"b\\\\c\\nd"} 1');
  });

  test("refuses a second metric with the same name and a decreasing counter", () => {
    const registry = new MetricsRegistry();
    const counter = registry.counter("c", "C.");
    expect(() => registry.gauge("c", "again")).toThrow();
    expect(() => counter.inc({}, -1)).toThrow();
  });
});

describe("createMetrics", () => {
  test("reports the process's resident memory and uptime", () => {
    const text = createMetrics().render();
    const rss = /^process_resident_memory_bytes (\d+)$/m.exec(text);
    expect(Number(rss?.[1])).toBeGreaterThan(1_000_000);
    expect(text).toMatch(/^process_uptime_seconds \d/m);
  });
});
