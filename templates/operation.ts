/**
 * The shape of one generated operation, as real, type-checked TypeScript.
 *
 * The generator reads this file with ts-morph: its imports become the imports of `operations.ts`, and each
 * exported function below is the skeleton (parameter names, body) of one kind of generated operation. The
 * generator replaces the names, docs and types, and points `operationSpec` at the operation's own spec.
 * Edit this file to change what every generated operation looks like; `npm test` type-checks it.
 */
import type { Client } from "./runtime/client.js";
import { paginate, type PagePromise, type PaginationOptions } from "./runtime/pagination.js";
import { request, type ApiPromise, type RequestOptions } from "./runtime/request.js";
import {
  stream,
  type ApiStream,
  type ServerSentEvent,
  type StreamOptions,
} from "./runtime/stream.js";
import type { OperationSpec } from "./runtime/types.js";

interface ExampleParams {
  id?: string;
  cursor?: string;
}
interface ExampleItem {
  id: string;
}
interface ExampleResponse {
  data: ExampleItem[];
  nextCursor: string | null;
}
interface ExampleError {
  message: string;
}
type ExampleHeaders = Record<string, string>;
type ExampleEvent = ServerSentEvent<ExampleItem>;

const operationSpec: OperationSpec = {
  id: "listExamples",
  method: "GET",
  path: "/examples",
  params: [{ name: "cursor", in: "query" }],
  response: "json",
  security: [],
  pagination: { cursorParam: "cursor", nextCursor: ["nextCursor"], items: ["data"] },
};

/** An operation with parameters or a requestBody. */
export function operation(
  client: Client,
  params: ExampleParams,
  options?: RequestOptions,
): ApiPromise<ExampleResponse, ExampleError, ExampleHeaders> {
  return request(client, operationSpec, params, options);
}

/** An operation that takes no parameters and no requestBody. */
export function operationWithoutParams(
  client: Client,
  options?: RequestOptions,
): ApiPromise<ExampleResponse, ExampleError, ExampleHeaders> {
  return request(client, operationSpec, undefined, options);
}

/** A paginated operation: the promise is also async-iterable over items. */
export function paginatedOperation(
  client: Client,
  params: ExampleParams,
  options?: PaginationOptions,
): PagePromise<ExampleResponse, ExampleItem, ExampleError, ExampleHeaders> {
  return paginate(client, operationSpec, params, options);
}

/** A streaming operation (server-sent events, NDJSON, json-seq): async-iterable over its items. */
export function streamingOperation(
  client: Client,
  params: ExampleParams,
  options?: StreamOptions,
): ApiStream<ExampleEvent, ExampleHeaders> {
  return stream(client, operationSpec, params, options);
}

/** A streaming operation that takes no parameters and no requestBody. */
export function streamingOperationWithoutParams(
  client: Client,
  options?: StreamOptions,
): ApiStream<ExampleEvent, ExampleHeaders> {
  return stream(client, operationSpec, undefined, options);
}
