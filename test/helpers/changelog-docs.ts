/** Small OpenAPI documents and a one-line view of changes, for the changelog tests. */
import type { SpecChange } from "../../generator/changelog/types.js";

/** `BREAKING kind | where | message`, one per change. */
export const brief = (changes: readonly SpecChange[]): string[] =>
  changes.map((c) => `${c.breaking ? "BREAKING " : ""}${c.kind} | ${c.where} | ${c.message}`);

/** A one-operation document: `op` is the POST /things operation, `schemas` the components. */
export function doc(
  op: Record<string, unknown>,
  schemas: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: { title: "T", version: "1" },
    paths: { "/things": { post: { operationId: "createThing", responses: {}, ...op } } },
    components: { schemas },
    ...extra,
  };
}
export const jsonBody = (schema: unknown): Record<string, unknown> => ({
  requestBody: { required: true, content: { "application/json": { schema } } },
});
export const jsonResponse = (schema: unknown): Record<string, unknown> => ({
  responses: { "200": { description: "ok", content: { "application/json": { schema } } } },
});
