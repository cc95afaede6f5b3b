/**
 * JSON Schema (draft-07) of `openapi-client-gen.config.{ts,mjs,json}`: the shape of `UserConfig` (config.ts).
 * Each property's `description` says what is expected; load-config.ts quotes it in error messages.
 */

/** Target names: letters, digits, `-`, `_`, `.` (they become `--target` values). */
export const TARGET_NAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]*$";

const path = (what: string): object => ({
  type: "array",
  items: { type: "string", minLength: 1 },
  minItems: 1,
  description: `${what}: a path of property names, e.g. ["data"]`,
});

/** One operation's pagination (`PaginationSpec` in templates/runtime/types.ts). */
const PAGINATION = {
  type: "object",
  title: "a pagination override",
  required: ["cursorParam", "nextCursor", "items"],
  additionalProperties: false,
  properties: {
    cursorParam: {
      type: "string",
      minLength: 1,
      description: "the name of the request parameter that carries the cursor",
    },
    nextCursor: {
      type: "array",
      items: { type: "string", minLength: 1 },
      description:
        'the path to the next cursor in the response body, e.g. ["meta", "next"] ([] with nextCursorFromLastItem)',
    },
    items: path("the path to the array of items in the response body"),
    hasMore: path('the path to a boolean "more pages" flag'),
    nextCursorFromLastItem: path("the field of the last item that becomes the next cursor"),
  },
} as const;

const TARGET = {
  type: "object",
  title: "a target",
  required: ["input", "output", "name"],
  additionalProperties: false,
  description: "a target: { input, output, name }",
  properties: {
    input: {
      type: "string",
      minLength: 1,
      description: "the OpenAPI document (JSON or YAML), relative to the config file",
    },
    output: {
      type: "string",
      minLength: 1,
      description: "the output directory, relative to the config file",
    },
    name: {
      type: "string",
      minLength: 1,
      description: 'the API name used in type names, e.g. "Introw"',
    },
    pagination: {
      type: "object",
      description: "pagination overrides keyed by operationId",
      additionalProperties: {
        type: ["object", "boolean"],
        description: "{ cursorParam, nextCursor, items } or false",
        if: { type: "boolean" },
        then: {
          const: false,
          description: "false (no pagination) or { cursorParam, nextCursor, items }",
        },
        else: PAGINATION,
      },
    },
    enumNames: {
      type: "object",
      description: "names for inline enums keyed by JSON pointer",
      additionalProperties: {
        type: "string",
        minLength: 1,
        description: "the enum's name, e.g. PayoutStage",
      },
    },
    defaultServer: {
      type: "string",
      minLength: 1,
      description: 'the name of one of the document\'s servers, e.g. "staging"',
    },
    strict: { type: "boolean", description: "whether every warning is an error" },
    allowRemoteRefs: { type: "boolean", description: "whether $refs to http(s) URLs are allowed" },
  },
} as const;

/** The config file's default export. */
export const CONFIG_SCHEMA = {
  type: "object",
  title: "the config",
  required: ["targets"],
  additionalProperties: false,
  description: "export default defineConfig({ targets: { <name>: { input, output, name } } })",
  properties: {
    targets: {
      type: "object",
      minProperties: 1,
      description: "at least one target: { <name>: { input, output, name } }",
      propertyNames: {
        pattern: TARGET_NAME_PATTERN,
        description: "letters, digits, '-', '_' and '.' in target names",
      },
      additionalProperties: TARGET,
    },
  },
} as const;
