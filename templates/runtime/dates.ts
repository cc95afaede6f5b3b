/**
 * Dates, for clients generated with the `dates` option: `request` and `paginate` as in request.ts and
 * pagination.ts, plus what the operation's `spec.dates` says (see `DatePlan`). Every 2xx JSON body is revived:
 * strings where the response schema says `format: date-time` (and `format: date` when configured) become `Date`.
 * In requests, a `Date` where the schema says `format: date` is sent as its UTC day (`2024-05-01`); other `Date`s
 * need nothing (JSON.stringify and the parameter serializer write `toISOString()`).
 *
 * Generated operations import `request` and `paginate` from here only when some operation of the document holds
 * dates; the request core does not know about this module, so clients without dates do not carry it.
 */
import { toApiPromise, type ApiPromise } from "./api-promise.js";
import type { Client } from "./client.js";
import type { HeaderMap } from "./errors.js";
import {
  paginate as paginateCore,
  type PagePromise,
  type PaginationOptions,
} from "./pagination.js";
import { request as requestCore, type RequestOptions } from "./request.js";
import type { DatePlan, OperationSpec } from "./types.js";

/** Turns the value at a `"date-time"` or `"date"` leaf of a plan into what goes on (or comes off) the wire. */
export type DateLeaf = (value: unknown, format: "date-time" | "date") => unknown;

/** An RFC 3339 date at the start: other strings that `Date` would read ("1", "May 1") are not dates here. */
const ISO = /^\d{4}-\d\d-\d\d/;

/**
 * A response leaf: an RFC 3339 string as a `Date` (`2024-05-01` is UTC midnight; a date-time without an offset
 * is read as local time, as `Date` does). Anything else, an invalid date (`2024-13-45`) included, is kept as it is.
 */
export const toDate: DateLeaf = (v) => {
  if (typeof v !== "string" || !ISO.test(v)) return v;
  const d = new Date(v);
  return isNaN(d.getTime()) ? v : d;
};

/**
 * A request leaf: a `Date` where the schema says `format: date` as its UTC day, `YYYY-MM-DD`.
 * @throws RangeError for an invalid `Date` (as `toISOString` does)
 */
export const toDay: DateLeaf = (v, format) =>
  format === "date" && v instanceof Date ? v.toISOString().slice(0, 10) : v;

const isList = (plan: DatePlan): plan is readonly DatePlan[] => Array.isArray(plan);

/**
 * `value` with `leaf` applied where `plan` says. Objects and arrays on the plan's paths are copied (the value
 * given is not changed); everything else is shared. A value of another shape than the plan expects is kept.
 */
export function applyDatePlan(value: unknown, plan: DatePlan | undefined, leaf: DateLeaf): unknown {
  if (value == null || plan === undefined) return value;
  if (typeof plan === "function") return applyDatePlan(value, plan(), leaf);
  if (typeof plan === "string") return leaf(value, plan);
  if (isList(plan)) return plan.reduce<unknown>((v, p) => applyDatePlan(v, p, leaf), value);
  if (Array.isArray(value))
    return plan.i ? value.map((x) => applyDatePlan(x, plan.i, leaf)) : value;
  // plain objects only (null-prototype ones included): not a Date, Blob or class instance
  if ({}.toString.call(value) !== "[object Object]" || (!plan.p && !plan.a)) return value;
  // fromEntries defines own properties: a `__proto__` key stays data
  return Object.fromEntries(
    Object.entries(value).map(([k, x]) => [k, applyDatePlan(x, sub(plan, k), leaf)]),
  );
}

/** The plan of `value[key]` (of each array item when `key` is undefined) under `plan`. */
function sub(plan: DatePlan | undefined, key?: string): DatePlan | undefined {
  if (typeof plan === "function") return sub(plan(), key);
  if (plan === undefined || typeof plan === "string") return undefined;
  if (isList(plan)) {
    const list = plan.flatMap((p) => sub(p, key) ?? []);
    return list.length ? list : undefined;
  }
  if (key === undefined) return plan.i;
  return plan.p && Object.hasOwn(plan.p, key) ? plan.p[key] : plan.a;
}

/** `promise` with its 2xx body revived by `plan`. */
function revived<TData, TError, THeaders>(
  promise: ApiPromise<TData, TError, THeaders>,
  plan: DatePlan,
): ApiPromise<TData, TError, THeaders> {
  return toApiPromise(
    promise
      .withResponse()
      .then((r) => ({ ...r, data: applyDatePlan(r.data, plan, toDate) as TData })),
  );
}

/** The flat `params` with `spec.dates.request` applied. */
const outgoing = (spec: OperationSpec, params: object | undefined): object | undefined =>
  spec.dates?.request ? (applyDatePlan(params, spec.dates.request, toDay) as object) : params;

/**
 * request.ts's `request`, with `spec.dates` applied: the 2xx JSON body revived, `format: date` parameters and
 * body fields given as `Date` sent as `YYYY-MM-DD`.
 * @throws as request.ts's `request`; RangeError for an invalid `Date` where the schema says `format: date`
 */
export function request<TData, TError = unknown, THeaders = HeaderMap>(
  client: Client,
  spec: OperationSpec,
  params: object | undefined,
  options?: RequestOptions,
): ApiPromise<TData, TError, THeaders> {
  const p = requestCore<TData, TError, THeaders>(client, spec, outgoing(spec, params), options);
  return spec.dates?.response ? revived(p, spec.dates.response) : p;
}

/**
 * pagination.ts's `paginate`, with `spec.dates` applied: the first page, every page of `.pages()` and every
 * item revived. Cursors are read from the pages as the server sent them (a date-time cursor keeps its precision).
 * @throws as pagination.ts's `paginate`
 */
export function paginate<TPage, TItem, TError = unknown, THeaders = HeaderMap>(
  client: Client,
  spec: OperationSpec,
  params: object | undefined,
  options?: PaginationOptions,
): PagePromise<TPage, TItem, TError, THeaders> {
  const core = paginateCore<TPage, TItem, TError, THeaders>(
    client,
    spec,
    outgoing(spec, params),
    options,
  );
  const plan = spec.dates?.response;
  if (!plan) return core;
  const item = sub(spec.pagination!.items.reduce<DatePlan | undefined>(sub, plan));
  return Object.assign(revived(core, plan), {
    async *pages() {
      for await (const page of core.pages()) yield applyDatePlan(page, plan, toDate) as TPage;
    },
    async *[Symbol.asyncIterator]() {
      for await (const x of core) yield applyDatePlan(x, item, toDate) as TItem;
    },
  });
}
