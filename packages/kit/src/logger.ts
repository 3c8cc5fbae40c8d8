/** Structured JSON logs, one object a line on stdout (stderr for errors). */
export type LogLevel = "debug" | "info" | "warn" | "error";

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** A logger whose lines all carry `bindings` (e.g. `{ request_id }`). */
  child(bindings: Record<string, unknown>): Logger;
  /** Whether a line at `level` would be written (skip building fields that would be dropped). */
  enabled(level: LogLevel): boolean;
}

export interface LoggerOptions {
  service: string;
  level?: LogLevel;
  /** Where lines go; defaults to the console. Tests pass an array sink. */
  write?: (line: string, level: LogLevel) => void;
}

const defaultWrite = (line: string, level: LogLevel) => {
  if (level === "error") console.error(line);
  else console.log(line);
};

function serialise(value: unknown): unknown {
  if (value instanceof Error)
    return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

/**
 * Lines are built only at or above the threshold, and a child costs one small object: services
 * make one per request (bound to its id), most of which never write a line.
 */
class JsonLogger implements Logger {
  readonly #threshold: number;

  constructor(
    private readonly options: LoggerOptions,
    private readonly bindings: Record<string, unknown>,
    private readonly write: (line: string, level: LogLevel) => void,
  ) {
    this.#threshold = rank[options.level ?? "info"];
  }

  enabled(level: LogLevel): boolean {
    return rank[level] >= this.#threshold;
  }

  debug(msg: string, fields?: Record<string, unknown>) {
    this.#emit("debug", msg, fields);
  }
  info(msg: string, fields?: Record<string, unknown>) {
    this.#emit("info", msg, fields);
  }
  warn(msg: string, fields?: Record<string, unknown>) {
    this.#emit("warn", msg, fields);
  }
  error(msg: string, fields?: Record<string, unknown>) {
    this.#emit("error", msg, fields);
  }

  child(more: Record<string, unknown>): Logger {
    return new JsonLogger(this.options, { ...this.bindings, ...more }, this.write);
  }

  #emit(level: LogLevel, msg: string, fields?: Record<string, unknown>) {
    if (rank[level] < this.#threshold) return;
    const line: Record<string, unknown> = {
      time: new Date().toISOString(),
      level,
      service: this.options.service,
      msg,
      ...this.bindings,
    };
    if (fields) for (const [key, value] of Object.entries(fields)) line[key] = serialise(value);
    this.write(JSON.stringify(line), level);
  }
}

export function createLogger(
  options: LoggerOptions,
  bindings: Record<string, unknown> = {},
): Logger {
  return new JsonLogger(options, bindings, options.write ?? defaultWrite);
}
