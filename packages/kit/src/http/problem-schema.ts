import { t } from "elysia";

/** RFC 9457 problem details as every error response carries them (docs/reference/errors.md). */
export const problemSchema = t.Object({
  type: t.String(),
  title: t.String(),
  status: t.Integer(),
  detail: t.String(),
  code: t.String(),
  field: t.Optional(t.String()),
  request_id: t.Optional(t.String()),
});

/** The problem+json response of each of `statuses`, to spread into a route's `response` map. */
export function problems<const S extends number>(
  ...statuses: S[]
): Record<S, typeof problemSchema> {
  return Object.fromEntries(statuses.map((status) => [status, problemSchema])) as Record<
    S,
    typeof problemSchema
  >;
}
