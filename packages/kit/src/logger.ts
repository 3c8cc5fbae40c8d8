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

export function createLogger(
  options: LoggerOptions,
  bindings: Record<string, unknown> = {},
): Logger {
  const threshold = rank[options.level ?? "info"];
  const write = options.write ?? defaultWrite;
  const emit = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (rank[level] < threshold) return;
    const line: Record<string, unknown> = {
      time: new Date().toISOString(),
      level,
      service: options.service,
      msg,
      ...bindings,
    };
    if (fields) for (const [key, value] of Object.entries(fields)) line[key] = serialise(value);
    write(JSON.stringify(line), level);
  };
  return {
    debug: (msg, fields) => emit("debug", msg, fields),
    info: (msg, fields) => emit("info", msg, fields),
    warn: (msg, fields) => emit("warn", msg, fields),
    error: (msg, fields) => emit("error", msg, fields),
    child: (more) => createLogger(options, { ...bindings, ...more }),
  };
}
