import { problemSchema } from "@questline/kit/http/problem-schema";

/** The problem+json response of each of `statuses`, to spread into a route's `response` map. */
export function problems<const S extends number>(
  ...statuses: S[]
): Record<S, typeof problemSchema> {
  return Object.fromEntries(statuses.map((status) => [status, problemSchema])) as Record<
    S,
    typeof problemSchema
  >;
}
