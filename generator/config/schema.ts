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

const param = (what: string): object => ({ type: "string", minLength: 1, description: what });
const items = {
  type: "array",
  items: { type: "string", minLength: 1 },
  description:
    'the path to the array of items in the response body: a path of property names, e.g. ["data"] ([] when the body is the array)',
};
const hasMore = path('the path to a boolean "more pages" flag');
const pageSize = {
  type: "integer",
  minimum: 1,
  description: "the server's page size when the request does not set the size parameter",
};
const KINDS = ["cursor", "page", "offset", "link", "nextUrl"];

/** The schema of one kind: `kind` fixed to `name` (optional for cursors), its fields, the ones required. */
function kind(
  name: string,
  title: string,
  required: readonly string[],
  properties: Record<string, object>,
): object {
  return {
    type: "object",
    title,
    required: name === "cursor" ? required : ["kind", ...required],
    additionalProperties: false,
    properties: {
      kind: { const: name, description: `"${name}"` },
      ...properties,
      items,
      hasMore,
    },
  };
}

const CURSOR = kind(
  "cursor",
  "a cursor pagination override",
  ["cursorParam", "nextCursor", "items"],
  {
    cursorParam: param("the name of the request parameter that carries the cursor"),
    nextCursor: {
      type: "array",
      items: { type: "string", minLength: 1 },
      description:
        'the path to the next cursor in the response body, e.g. ["meta", "next"] ([] with nextCursorFromLastItem)',
    },
    nextCursorFromLastItem: path("the field of the last item that becomes the next cursor"),
  },
);
const PAGE = kind("page", "a page-number pagination override", ["pageParam", "items"], {
  pageParam: param("the name of the request parameter with the page number"),
  sizeParam: param("the name of the request parameter with the page size"),
  startPage: { type: "integer", minimum: 0, description: "the number of the first page" },
  pageSize,
});
const OFFSET = kind("offset", "an offset pagination override", ["offsetParam", "items"], {
  offsetParam: param("the name of the request parameter with the offset of the first item"),
  limitParam: param("the name of the request parameter with the maximum number of items per page"),
  pageSize,
});
const LINK = kind("link", "a Link-header pagination override", ["items"], {});
const NEXT_URL = kind("nextUrl", "a next-URL pagination override", ["nextUrl", "items"], {
  nextUrl: path("the path to the next page's URL in the response body"),
});

/** `if kind is <name> then <schema> else <rest>`, so that only the matching kind's errors are reported. */
const byKind = (name: string, schema: object, rest: object): object => ({
  if: { type: "object", required: ["kind"], properties: { kind: { const: name } } },
  then: schema,
  else: rest,
});

const PAGINATION_SHAPE =
  'false (no pagination) or { cursorParam, nextCursor, items } or { kind: "page" | "offset" | "link" | "nextUrl", … }';

/** One operation's pagination (`PaginationSpec` in templates/runtime/types.ts), by `kind` (absent: cursor). */
const PAGINATION = {
  type: "object",
  properties: {
    kind: {
      enum: KINDS,
      description: `one of ${KINDS.map((k) => JSON.stringify(k)).join(", ")} (absent: "cursor")`,
    },
  },
  ...byKind(
    "page",
    PAGE,
    byKind(
      "offset",
      OFFSET,
      byKind(
        "link",
        LINK,
        byKind("nextUrl", NEXT_URL, {
          // an unknown kind is reported by `enum` above, not as a cursor override missing its fields
          if: {
            type: "object",
            required: ["kind"],
            properties: { kind: { not: { const: "cursor" } } },
          },
          then: true,
          else: CURSOR,
        }),
      ),
    ),
  ),
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
        description: PAGINATION_SHAPE,
        if: { type: "boolean" },
        then: { const: false, description: PAGINATION_SHAPE },
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
    openEnums: {
      type: "boolean",
      description:
        "whether response enums accept values the document does not list yet and discriminated unions in responses get an unknown variant (request enums stay closed)",
    },
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
