/**
 * Every JSON body of the public API, with a valid example of it, and the fast-check arbitraries
 * the fuzz suite draws from: random JSON of any shape, depth, size, numbers and strings, and
 * mutations of a valid body that always make it invalid (so a refusal must write nothing).
 */
import fc from "fast-check";

/** Who a route needs: nobody, a player, or an admin of `default`. */
export type Caller = "anonymous" | "player" | "admin";

export interface BodyTarget {
  method: "POST" | "PUT";
  /** `{quest}` is replaced by the id of a quest the suite created. */
  path: string;
  caller: Caller;
  /** A body the route accepts. */
  valid: () => Record<string, unknown>;
  /** Fields without which the body is invalid. */
  required: readonly string[];
  /** Fields that hold integers (with their range in the model). */
  integers?: readonly string[];
}

const unique = () => crypto.randomUUID().slice(0, 8);

export const BODY_TARGETS: readonly BodyTarget[] = [
  {
    method: "POST",
    path: "/api/v1/auth/signup",
    caller: "anonymous",
    valid: () => ({ user_name: `fz_${unique()}`, password: "fuzz password 1" }),
    required: ["user_name", "password"],
  },
  {
    method: "POST",
    path: "/api/v1/auth/signin",
    caller: "anonymous",
    valid: () => ({ user_name: `fz_${unique()}`, password: "fuzz password 1" }),
    required: ["user_name", "password"],
  },
  {
    method: "POST",
    path: "/api/v1/auth/refresh",
    caller: "anonymous",
    valid: () => ({ refresh_token: `qrt_${unique()}` }),
    required: ["refresh_token"],
  },
  {
    method: "POST",
    path: "/api/v1/auth/signout",
    caller: "anonymous",
    valid: () => ({ refresh_token: `qrt_${unique()}` }),
    required: ["refresh_token"],
  },
  {
    method: "POST",
    path: "/api/v1/auth/token",
    caller: "anonymous",
    valid: () => ({ grant_type: "client_credentials", client_id: "fuzz", client_secret: "x" }),
    required: ["grant_type", "client_id", "client_secret"],
  },
  {
    method: "POST",
    path: "/api/v1/auth/admin/tenants",
    caller: "admin",
    valid: () => ({ tenant_id: `fz-${unique()}` }),
    required: ["tenant_id"],
  },
  {
    method: "POST",
    path: "/api/v1/quest",
    caller: "admin",
    valid: () => ({
      name: `fz-${unique()}`,
      title: "Fuzzed",
      trigger: "fuzz_action",
      target: 2,
      max_completions: 3,
      rewards: [{ item: "gold", qty: 5 }],
    }),
    required: ["name", "title", "trigger", "target", "rewards"],
    integers: ["target", "max_completions"],
  },
  {
    method: "PUT",
    path: "/api/v1/quest/{quest}",
    caller: "admin",
    valid: () => ({ title: "Fuzzed again", target: 4, version: 1 }),
    required: [],
    integers: ["target", "version"],
  },
  {
    method: "POST",
    path: "/api/v1/track/actions",
    caller: "player",
    valid: () => ({ action: "fuzz_action", idempotency_key: `fz-${unique()}` }),
    required: ["action"],
  },
  {
    method: "POST",
    path: "/api/v1/track/claim_reward",
    caller: "player",
    valid: () => ({ quest_name: "sign-in-three-times" }),
    required: ["quest_name"],
  },
];

/** Strings of every kind: empty, long, unicode, control characters, lone surrogates. */
export const anyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom("", " ", "\u0000", "__proto__", "'; drop table quests; --", "\ud800"),
  fc.string({ minLength: 2000, maxLength: 9000 }),
);

/** Number literals as they would appear in JSON text, including ones JavaScript cannot hold. */
export const numberLiteral = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => JSON.stringify(value)),
  fc.constantFrom(
    "0",
    "-0",
    "-1",
    "0.5",
    "1e3",
    "1e308",
    "-1e308",
    "2147483647",
    "2147483648",
    "9007199254740993",
    "9223372036854775808",
    "123456789012345678901234567890",
  ),
);

/** Any JSON value, as text, of random shape and depth (leaves from the arbitraries above). */
export const anyJsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    anyString.map((text) => JSON.stringify(text)),
    numberLiteral,
    fc.constantFrom("true", "false", "null"),
    fc.array(tie("value"), { maxLength: 5 }).map((items) => `[${items.join(",")}]`),
    fc
      .array(fc.tuple(anyString, tie("value")), { maxLength: 5 })
      .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(",")}}`),
  ),
})).value;

/** A value of a JSON type other than string, as text. */
const notAString = fc.oneof(
  numberLiteral,
  fc.constantFrom("true", "false", "null", "[]", "{}", '["a"]', '{"a":1}'),
);
/** A value that is no integer in range, as text (null is a valid `max_completions`). */
const notAnInteger = fc.oneof(
  fc.constantFrom(
    '"16"',
    '"0x10"',
    '"1e3"',
    "0",
    "-1",
    "0.5",
    "2147483648",
    "1e308",
    "9007199254740993",
    "true",
    "[1]",
  ),
);

const bodyText = (fields: Record<string, string>) =>
  `{${Object.entries(fields)
    .map(([key, value]) => `${JSON.stringify(key)}:${value}`)
    .join(",")}}`;

const validFields = (target: BodyTarget): Record<string, string> =>
  Object.fromEntries(
    Object.entries(target.valid()).map(([key, value]) => [key, JSON.stringify(value)]),
  );

/** A request the route must refuse: the body text and the content type it is sent with. */
export interface Refusable {
  mutation: string;
  body: string;
  contentType: string;
}

/** Mutations of a valid body that every route must refuse, whatever else it checks. */
export function refusedBodies(target: BodyTarget): fc.Arbitrary<Refusable> {
  const json = (mutation: string, body: fc.Arbitrary<string>) =>
    body.map((text) => ({ mutation, body: text, contentType: "application/json" }));
  const fieldNames = Object.keys(target.valid());
  const stringFields = fieldNames.filter(
    (name) => !(target.integers ?? []).includes(name) && typeof target.valid()[name] === "string",
  );
  const mutations: fc.Arbitrary<Refusable>[] = [
    json(
      "unknown field",
      fc
        .tuple(fc.stringMatching(/^[a-z]{1,12}$/), anyJsonText)
        .map(([key, value]) => bodyText({ ...validFields(target), [`zz_${key}`]: value })),
    ),
    json(
      "prototype key",
      fc
        .tuple(fc.constantFrom("__proto__", "constructor", "prototype"), anyJsonText)
        .map(([key, value]) => bodyText({ ...validFields(target), [key]: value })),
    ),
    json(
      "too deep",
      fc
        .tuple(fc.constantFrom(...fieldNames), fc.integer({ min: 33, max: 6000 }))
        .map(([field, depth]) =>
          bodyText({ ...validFields(target), [field]: `${"[".repeat(depth)}${"]".repeat(depth)}` }),
        ),
    ),
    json(
      "not JSON",
      fc.constantFrom("{", "{'a':1}", '{"a":}', "nul", "[1,]", '{"a":1}}', "\u0000"),
    ),
    json("not an object", fc.constantFrom("[]", '"text"', "42", "true", "null")),
    fc
      .constantFrom("text/plain", "application/x-www-form-urlencoded", "application/xml")
      .map((contentType) => ({
        mutation: "not JSON media type",
        body: JSON.stringify(target.valid()),
        contentType,
      })),
  ];
  if (stringFields.length > 0) {
    mutations.push(
      json(
        "wrong type",
        fc
          .tuple(fc.constantFrom(...stringFields), notAString)
          .map(([field, value]) => bodyText({ ...validFields(target), [field]: value })),
      ),
    );
  }
  if (target.required.length > 0) {
    mutations.push(
      json(
        "missing field",
        fc.constantFrom(...target.required).map((field) => {
          const { [field]: _dropped, ...rest } = validFields(target);
          return bodyText(rest);
        }),
      ),
    );
  }
  if ((target.integers ?? []).length > 0) {
    mutations.push(
      json(
        "number out of range or not a number",
        fc
          .tuple(fc.constantFrom(...(target.integers ?? [])), notAnInteger)
          .map(([field, value]) => bodyText({ ...validFields(target), [field]: value })),
      ),
    );
  }
  return fc.oneof(...mutations);
}

/** Any body, any shape: the route may accept it (rarely) or refuse it, never fail. */
export function anyBody(): fc.Arbitrary<Refusable> {
  return fc.oneof(
    anyJsonText.map((body) => ({ mutation: "any JSON", body, contentType: "application/json" })),
    anyString.map((body) => ({ mutation: "any text", body, contentType: "application/json" })),
  );
}

/** A valid body with one string field, or one integer field, replaced by anything of its kind. */
export function validShapedBodies(target: BodyTarget): fc.Arbitrary<Refusable> {
  const valid = target.valid();
  const strings = Object.keys(valid).filter((name) => typeof valid[name] === "string");
  const integers = target.integers ?? [];
  const fields: fc.Arbitrary<[string, string]>[] = [];
  if (strings.length > 0) {
    fields.push(
      fc.tuple(
        fc.constantFrom(...strings),
        anyString.map((text) => JSON.stringify(text)),
      ),
    );
  }
  if (integers.length > 0) fields.push(fc.tuple(fc.constantFrom(...integers), numberLiteral));
  return fc.oneof(...fields).map(([field, value]) => ({
    mutation: `any ${field}`,
    body: bodyText({ ...validFields(target), [field]: value }),
    contentType: "application/json",
  }));
}
