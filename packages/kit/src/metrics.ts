/**
 * A small Prometheus registry (text exposition format 0.0.4), enough for request counts, latencies
 * and process gauges without a dependency.
 */
export type Labels = Record<string, string | number>;

export const METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const escapeLabel = (value: string) =>
  value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');

function renderLabels(labels: Labels): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((name) => `${name}="${escapeLabel(String(labels[name]))}"`);
  return pairs.length === 0 ? "" : `{${pairs.join(",")}}`;
}

/** Rendered label sets by their raw text: metrics are updated on every request, rendered rarely. */
const renderedLabels = new Map<string, string>();
const MAX_REMEMBERED_LABEL_SETS = 10_000;

function labelText(labels: Labels): string {
  let raw = "";
  for (const name in labels) raw += `${name}\u0001${labels[name]}\u0002`;
  let text = renderedLabels.get(raw);
  if (text === undefined) {
    text = renderLabels(labels);
    if (renderedLabels.size < MAX_REMEMBERED_LABEL_SETS) renderedLabels.set(raw, text);
  }
  return text;
}

const numberText = (value: number) =>
  Number.isFinite(value) ? String(value) : value > 0 ? "+Inf" : value < 0 ? "-Inf" : "NaN";

interface Metric {
  render(): string[];
}

export interface Counter {
  inc(labels?: Labels, by?: number): void;
  /** One series, keyed once: for hot paths that keep the handle (`series.inc()` costs nothing). */
  series(labels: Labels): { inc(by?: number): void };
}

export interface Gauge {
  set(value: number, labels?: Labels): void;
  inc(labels?: Labels, by?: number): void;
  dec(labels?: Labels, by?: number): void;
}

export interface Histogram {
  observe(value: number, labels?: Labels): void;
  /** One series, keyed once (see `Counter.series`). */
  series(labels: Labels): { observe(value: number): void };
}

function header(name: string, help: string, type: string): string[] {
  return [
    `# HELP ${name} ${help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}`,
    `# TYPE ${name} ${type}`,
  ];
}

/** Values keyed by their rendered label set, so each series is one map entry. */
function seriesStore() {
  const values = new Map<string, number>();
  return {
    values,
    add(labels: Labels, by: number) {
      const key = labelText(labels);
      values.set(key, (values.get(key) ?? 0) + by);
    },
  };
}

interface HistogramSeries {
  labels: Labels;
  /** Observations per bucket, not cumulative (summed when rendered); the last is above all bounds. */
  counts: number[];
  sum: number;
  count: number;
}

export class MetricsRegistry {
  readonly #metrics = new Map<string, Metric>();

  #register<T extends Metric>(name: string, metric: T): T {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) throw new Error(`Bad metric name "${name}"`);
    if (this.#metrics.has(name)) throw new Error(`Metric "${name}" is registered twice`);
    this.#metrics.set(name, metric);
    return metric;
  }

  counter(name: string, help: string): Counter {
    const store = seriesStore();
    this.#register(name, {
      render: () => [
        ...header(name, help, "counter"),
        ...[...store.values].map(([labels, value]) => `${name}${labels} ${numberText(value)}`),
      ],
    });
    const inc = (key: string, by: number) => {
      if (by < 0) throw new Error(`Counter "${name}" cannot decrease`);
      store.values.set(key, (store.values.get(key) ?? 0) + by);
    };
    return {
      inc: (labels = {}, by = 1) => inc(labelText(labels), by),
      series: (labels) => {
        const key = labelText(labels);
        return { inc: (by = 1) => inc(key, by) };
      },
    };
  }

  gauge(name: string, help: string, collect?: () => number): Gauge {
    const store = seriesStore();
    this.#register(name, {
      render: () => {
        if (collect) store.values.set("", collect());
        return [
          ...header(name, help, "gauge"),
          ...[...store.values].map(([labels, value]) => `${name}${labels} ${numberText(value)}`),
        ];
      },
    });
    return {
      set: (value, labels = {}) => store.values.set(labelText(labels), value),
      inc: (labels = {}, by = 1) => store.add(labels, by),
      dec: (labels = {}, by = 1) => store.add(labels, -by),
    };
  }

  histogram(name: string, help: string, buckets: number[] = DEFAULT_BUCKETS): Histogram {
    const bounds = [...buckets].sort((a, b) => a - b);
    const series = new Map<string, HistogramSeries>();
    this.#register(name, {
      render: () => [
        ...header(name, help, "histogram"),
        ...[...series.values()].flatMap((one) => renderHistogram(name, bounds, one)),
      ],
    });
    const seriesOf = (labels: Labels): HistogramSeries => {
      const key = labelText(labels);
      let one = series.get(key);
      if (one === undefined) {
        one = { labels, counts: [...bounds.map(() => 0), 0], sum: 0, count: 0 };
        series.set(key, one);
      }
      return one;
    };
    const observe = (one: HistogramSeries, value: number) => {
      let bucket = 0;
      while (bucket < bounds.length && value > (bounds[bucket] ?? Number.POSITIVE_INFINITY)) {
        bucket++;
      }
      one.counts[bucket] = (one.counts[bucket] ?? 0) + 1;
      one.sum += value;
      one.count += 1;
    };
    return {
      observe: (value, labels = {}) => observe(seriesOf(labels), value),
      series: (labels) => {
        const one = seriesOf(labels);
        return { observe: (value) => observe(one, value) };
      },
    };
  }

  /** Every metric in the text exposition format, ending with a newline. */
  render(): string {
    return `${[...this.#metrics.values()].flatMap((metric) => metric.render()).join("\n")}\n`;
  }
}

function renderHistogram(name: string, bounds: number[], one: HistogramSeries): string[] {
  const bucketLine = (le: string, count: number) =>
    `${name}_bucket${labelText({ ...one.labels, le })} ${count}`;
  let cumulative = 0;
  return [
    ...bounds.map((bound, index) => {
      cumulative += one.counts[index] ?? 0;
      return bucketLine(numberText(bound), cumulative);
    }),
    bucketLine("+Inf", one.count),
    `${name}_sum${labelText(one.labels)} ${numberText(one.sum)}`,
    `${name}_count${labelText(one.labels)} ${one.count}`,
  ];
}

/** A registry that already reports the process's resident memory, heap and uptime. */
export function createMetrics(): MetricsRegistry {
  const registry = new MetricsRegistry();
  const startedAt = Date.now() / 1000;
  registry.gauge(
    "process_resident_memory_bytes",
    "Resident memory size in bytes.",
    () => process.memoryUsage().rss,
  );
  registry.gauge(
    "process_heap_bytes",
    "JavaScript heap in use, in bytes.",
    () => process.memoryUsage().heapUsed,
  );
  registry.gauge(
    "process_start_time_seconds",
    "Start time of the process, epoch seconds.",
    () => startedAt,
  );
  registry.gauge(
    "process_uptime_seconds",
    "Seconds since the process started.",
    () => Date.now() / 1000 - startedAt,
  );
  return registry;
}
