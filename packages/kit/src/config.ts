/**
 * The one config loader: every service declares its variables once, they are parsed and validated
 * at start, and the result is frozen. A missing or bad value throws `ConfigError` naming the variable;
 * `exitOnConfigError` turns that into a one-line message and exit code 1.
 */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
  }
}

export interface Setting<T> {
  /** Parses the raw value; `undefined` when the variable is unset or empty. */
  parse(raw: string | undefined, variable: string): T;
}

const fail = (variable: string, problem: string): never => {
  throw new ConfigError(variable, problem);
};

const present = (raw: string | undefined): raw is string => raw !== undefined && raw.trim() !== "";

export const env = {
  string(fallback?: string): Setting<string> {
    return {
      parse: (raw, variable) =>
        present(raw) ? raw : fallback !== undefined ? fallback : fail(variable, "is required"),
    };
  },
  optionalString(): Setting<string | undefined> {
    return { parse: (raw) => (present(raw) ? raw : undefined) };
  },
  int(fallback: number | undefined, range: { min?: number; max?: number } = {}): Setting<number> {
    return {
      parse(raw, variable) {
        if (!present(raw)) return fallback !== undefined ? fallback : fail(variable, "is required");
        if (!/^-?\d+$/.test(raw.trim())) return fail(variable, `must be an integer, got "${raw}"`);
        const value = Number(raw);
        if (range.min !== undefined && value < range.min)
          return fail(variable, `must be ≥ ${range.min}`);
        if (range.max !== undefined && value > range.max)
          return fail(variable, `must be ≤ ${range.max}`);
        return value;
      },
    };
  },
  port(fallback: number): Setting<number> {
    return env.int(fallback, { min: 0, max: 65535 });
  },
  bool(fallback: boolean): Setting<boolean> {
    return {
      parse(raw, variable) {
        if (!present(raw)) return fallback;
        const value = raw.trim().toLowerCase();
        if (["1", "true", "yes", "on"].includes(value)) return true;
        if (["0", "false", "no", "off"].includes(value)) return false;
        return fail(variable, `must be true or false, got "${raw}"`);
      },
    };
  },
  oneOf<const T extends string>(values: readonly T[], fallback: T): Setting<T> {
    return {
      parse(raw, variable) {
        if (!present(raw)) return fallback;
        return (values as readonly string[]).includes(raw)
          ? (raw as T)
          : fail(variable, `must be one of ${values.join(", ")}, got "${raw}"`);
      },
    };
  },
  url(protocols: readonly string[]): Setting<string | undefined> {
    return {
      parse(raw, variable) {
        if (!present(raw)) return undefined;
        let url: URL;
        try {
          url = new URL(raw);
        } catch {
          return fail(variable, "is not a valid URL");
        }
        if (!protocols.includes(url.protocol)) {
          return fail(variable, `must use ${protocols.join(" or ")}, got ${url.protocol}`);
        }
        return raw;
      },
    };
  },
  list(fallback: readonly string[]): Setting<readonly string[]> {
    return {
      parse: (raw) =>
        present(raw)
          ? raw
              .split(",")
              .map((item) => item.trim())
              .filter(Boolean)
          : fallback,
    };
  },
};

/** The setting, with its absence an error (`is required`) instead of `undefined`. */
export function required<T>(setting: Setting<T | undefined>): Setting<T> {
  return {
    parse(raw, variable) {
      const value = setting.parse(raw, variable);
      return value === undefined ? fail(variable, "is required") : value;
    },
  };
}

type Parsed<S> = { readonly [K in keyof S]: S[K] extends Setting<infer T> ? T : never };

/** Reads every declared variable from `source` (default `process.env`) and freezes the result. */
export function loadConfig<S extends Record<string, Setting<unknown>>>(
  settings: S,
  source: Record<string, string | undefined> = process.env,
): Parsed<S> {
  const result: Record<string, unknown> = {};
  for (const [variable, setting] of Object.entries(settings)) {
    result[variable] = setting.parse(source[variable], variable);
  }
  return Object.freeze(result) as Parsed<S>;
}

/** Runs `load`; on a ConfigError prints the variable and its problem and exits with code 1. */
export function exitOnConfigError<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
