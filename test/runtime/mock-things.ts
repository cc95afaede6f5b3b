/**
 * A small hand-written API for the mock engine's tests: things with CRUD, named examples, a readOnly id and a
 * writeOnly secret, and one listing per pagination kind; plus a runtime client over the mock.
 */
import {
  createClientCore,
  type Client,
  type ClientOptions,
} from "../../templates/runtime/client.js";
import { paginate } from "../../templates/runtime/pagination.js";
import { request } from "../../templates/runtime/request.js";
import type { MockApi, MockOperation, MockParam } from "../../templates/runtime/mock-request.js";
import type { MockSchema } from "../../templates/runtime/mock-schema.js";
import type { ClientSpec, OperationSpec, PaginationSpec } from "../../templates/runtime/types.js";

const THING = "#/components/schemas/Thing";
const json = "application/json";
const security = [["key"]] as const;
const thingId = {
  name: "thingId",
  in: "path",
  required: true,
  schema: { type: "string" },
} as const;
const list = (items: MockSchema, extra: Record<string, MockSchema> = {}): MockSchema => ({
  type: "object",
  required: ["data"],
  properties: { data: { type: "array", items }, ...extra },
});
const ref = { $ref: THING };
const page = (
  id: string,
  pagination: PaginationSpec,
  params: readonly MockParam[],
  schema: MockSchema,
): MockOperation => ({
  id,
  method: "GET",
  path: `/${id}`,
  params,
  responses: [{ status: "200", mediaType: json, schema }],
  pagination,
});
const int = { type: "integer", minimum: 0 } as const;

export const THINGS_API: MockApi = {
  schemas: {
    [THING]: {
      type: "object",
      required: ["id", "name", "kind", "secret"],
      properties: {
        id: { type: "string", readOnly: true },
        name: { type: "string", minLength: 1, maxLength: 20 },
        kind: { type: "string", enum: ["small", "big"] },
        size: { type: "integer", minimum: 1, maximum: 10 },
        secret: { type: "string", writeOnly: true },
      },
      additionalProperties: false,
    },
    "#/components/schemas/Problem": {
      type: "object",
      required: ["code"],
      properties: { code: { type: "string", enum: ["NOT_FOUND"] } },
    },
  },
  responses: {
    "#/components/responses/NotFound": {
      mediaType: json,
      schema: { $ref: "#/components/schemas/Problem" },
    },
  },
  operations: [
    {
      id: "listThings",
      method: "GET",
      path: "/things",
      params: [
        { name: "cursor", in: "query", schema: { type: "string" } },
        { name: "kind", in: "query", schema: { type: "string", enum: ["small", "big"] } },
        { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 50 } },
      ],
      responses: [
        {
          status: "200",
          mediaType: json,
          schema: list(ref, { next: { type: ["string", "null"] } }),
        },
      ],
      security,
      pagination: { cursorParam: "cursor", nextCursor: ["next"], items: ["data"] },
    },
    {
      id: "createThing",
      method: "POST",
      path: "/things",
      body: { mediaType: json, required: true, schema: ref },
      responses: [{ status: "201", mediaType: json, schema: ref }],
      security,
    },
    {
      id: "getThing",
      method: "GET",
      path: "/things/{thingId}",
      params: [thingId],
      responses: [
        {
          status: "200",
          mediaType: json,
          schema: ref,
          examples: {
            small: { id: "t-small", name: "pebble", kind: "small", size: 1 },
            big: { id: "t-big", name: "boulder", kind: "big", size: 10 },
          },
          headers: { "x-request-id": { type: "string", format: "uuid" } },
        },
        { status: "404", $ref: "#/components/responses/NotFound" },
      ],
      security,
    },
    {
      id: "updateThing",
      method: "PATCH",
      path: "/things/{thingId}",
      params: [thingId],
      body: {
        mediaType: json,
        schema: {
          type: "object",
          properties: {
            name: { type: "string" },
            size: { type: "integer", minimum: 1, maximum: 10 },
          },
        },
      },
      responses: [{ status: "200", mediaType: json, schema: ref }],
      security,
    },
    {
      id: "deleteThing",
      method: "DELETE",
      path: "/things/{thingId}",
      params: [thingId],
      responses: [{ status: "204" }],
      security,
    },
    page(
      "listPages",
      { kind: "page", pageParam: "page", sizeParam: "per_page", items: ["data"] },
      [
        { name: "page", in: "query", schema: int },
        { name: "per_page", in: "query", schema: int },
      ],
      list(ref),
    ),
    page(
      "listOffsets",
      { kind: "offset", offsetParam: "offset", limitParam: "limit", items: [] },
      [
        { name: "offset", in: "query", schema: int },
        { name: "limit", in: "query", schema: int },
      ],
      { type: "array", items: ref },
    ),
    page("listLinked", { kind: "link", items: ["data"] }, [], list(ref)),
    page(
      "listNext",
      { kind: "nextUrl", nextUrl: ["links", "next"], items: ["data"] },
      [],
      list(ref, {
        links: {
          type: "object",
          properties: { next: { type: ["string", "null"], format: "uri" } },
        },
      }),
    ),
    page(
      "listAfter",
      {
        cursorParam: "after",
        nextCursor: [],
        nextCursorFromLastItem: ["id"],
        items: ["data"],
        hasMore: ["more"],
      },
      [{ name: "after", in: "query", schema: { type: "string" } }],
      list(ref, { more: { type: "boolean" } }),
    ),
  ],
  securitySchemes: { key: { type: "apiKey", in: "header", name: "x-key" } },
  basePaths: ["/v2"],
};

const CLIENT_SPEC: ClientSpec = {
  servers: [{ name: "test", url: "https://things.test/v2" }],
  securitySchemes: { key: { type: "apiKey", in: "header", name: "x-key" } },
};

/** The runtime's view of an operation of {@link THINGS_API}. */
export function specOf(id: string): OperationSpec {
  const op = THINGS_API.operations.find((o) => o.id === id)!;
  return {
    id,
    method: op.method,
    path: op.path,
    params: (op.params ?? []).map(({ name, in: where }) => ({ name, in: where })),
    ...(op.body
      ? {
          body: {
            mediaType: op.body.mediaType,
            encoding: "json" as const,
            required: op.body.required ?? false,
          },
        }
      : {}),
    response: op.responses[0]!.mediaType ? "json" : "empty",
    security: op.security ?? [],
    ...(op.pagination ? { pagination: op.pagination } : {}),
  };
}

/** A client of the things API over `fetch`, with its key unless `options.auth` replaces it. */
export function thingsClient(fetch: ClientOptions["fetch"], options: ClientOptions = {}): Client {
  return createClientCore(CLIENT_SPEC, {
    auth: { key: "test-key-0123456789" },
    maxRetries: 0,
    fetch,
    ...options,
  });
}

/** Calls an operation (`paginate` for a paginated one: the first page). */
export const call = <T = unknown>(client: Client, id: string, params: object = {}) =>
  request<T>(client, specOf(id), params);

/** Every item of every page of a paginated operation. */
export async function all<T = Record<string, unknown>>(
  client: Client,
  id: string,
  params: object = {},
): Promise<T[]> {
  const out: T[] = [];
  for await (const item of paginate<unknown, T>(client, specOf(id), params)) out.push(item);
  return out;
}
