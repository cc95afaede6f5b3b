/**
 * Sends one operation: serializes params, applies credentials, runs the attempt loop (timeouts, retries
 * with backoff, redirects, the overall deadline) and turns the response into typed data or a typed error.
 */
import { noop, toApiPromise, type ApiPromise, type ApiResponse } from "./api-promise.js";
import { applyAuth, CREDENTIAL, stripCredentials } from "./auth.js";
import { readBody } from "./body.js";
import { limits, realClock, type Client, type LimitOptions } from "./client.js";
import {
  ApiConnectionError,
  ApiRedirectError,
  ApiResponseTooLargeError,
  ApiTimeoutError,
  errorDetails,
  makeApiError,
  RATE_LIMIT_HEADER,
  type ApiErrorClass,
  type ApiErrorInit,
  type HeaderMap,
  type RateLimitInfo,
} from "./errors.js";
import { redactor, scrub } from "./redact.js";
import { backoffMs, isIdempotent, serverDelayMs, shouldRetry } from "./retry.js";
import { buildPath, own, plain } from "./serialize.js";
import type { OperationSpec, ParamSpec, RedirectedRequest } from "./types.js";

/**
 * Per-request options (the last argument of every operation function). `maxElapsedMs`,
 * `maxResponseBytes` and `followRedirects` are as on `ClientOptions`, for this call.
 */
export interface RequestOptions extends LimitOptions {
  /** Aborts the request; the promise rejects with `signal.reason` and is not retried. */
  signal?: AbortSignal | undefined;
  /** Extra headers for this request (`null` removes a client default). */
  headers?: Record<string, string | null | undefined> | undefined;
  /** Retries after the first attempt. @default the client's `maxRetries` (2) */
  maxRetries?: number | undefined;
  /** Per-attempt timeout in ms (0 and Infinity: none). @default the client's `timeoutMs` (60000) */
  timeoutMs?: number | undefined;
  /** Sent as `Idempotency-Key`; makes POST and PATCH retryable like GET. */
  idempotencyKey?: string | undefined;
}

export type { ApiPromise, ApiResponse, ApiResult } from "./api-promise.js";

/**
 * Sends an operation and resolves to its typed 2xx body (`empty` → undefined, `text` → string, `binary` → Blob).
 * @param params one flat object: each parameter under `key ?? name`, the request body under `body`
 * @throws (rejects with) an {@link ApiError} subclass for a non-2xx status, {@link ApiRedirectError} for a
 *   redirect not followed, {@link ApiResponseTooLargeError} for a body over `maxResponseBytes`,
 *   {@link ApiConnectionError}, {@link ApiTimeoutError}, the abort reason when `options.signal` aborts,
 *   TypeError for an option out of range, a header value with CR, LF, NUL or a character above U+00FF, a path
 *   value that is empty or would change the path, or a security requirement only partly configured
 */
export function request<TData, TError = unknown, THeaders = HeaderMap>(
  client: Client,
  spec: OperationSpec,
  params: object | undefined,
  options?: RequestOptions,
): ApiPromise<TData, TError, THeaders> {
  return toApiPromise(
    send(client, spec, (params ?? {}) as Record<string, unknown>, options ?? {}) as Promise<
      ApiResponse<TData, THeaders>
    >,
  );
}

/** Copies headers with lower-cased names; `null` deletes. */
function setHeaders(
  to: Record<string, string>,
  from: Record<string, string | null | undefined> | undefined,
): void {
  for (const [k, v] of Object.entries(from ?? {})) {
    const n = k.toLowerCase();
    if (v === null) delete to[n];
    else if (v !== undefined) to[n] = v;
  }
}

async function send(
  client: Client,
  spec: OperationSpec,
  values: Record<string, unknown>,
  options: RequestOptions,
): Promise<ApiResponse<unknown>> {
  const o = client.options;
  const cs = client.spec;
  const clock = o.clock ?? realClock;
  const [maxRetries, timeout, maxElapsedMs, maxBytes] = limits(options, o) as [number, ...number[]];
  // 0 (also for Infinity): no timer
  const timeoutMs = timeout! % Infinity || 0;
  const deadline = clock.now() + (maxElapsedMs || Infinity);
  const follow = options.followRedirects ?? o.followRedirects ?? "same-origin";
  const { signal, idempotencyKey } = options;
  const { method, response } = spec;
  // The lowest level logged, by position in this string: debug 0, info 5, warn 9, error 14.
  const min = "debuginfowarnerror".indexOf(o.logLevel ?? "info");
  const repeatable = isIdempotent(method) || idempotencyKey !== undefined;

  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    // Built afresh for every attempt, as credential functions are called for every attempt.
    const h: Record<string, string> = {};
    // Encoded `name=value` pairs by location.
    const pairs = { query: [] as string[], cookie: [] as string[] };
    // Sends one parameter or credential (path parameters go through buildPath).
    const add = (p: ParamSpec, v: unknown): void => {
      const s = (p.serialize ?? plain)(p, v);
      if (p.in === "header") h[p.name.toLowerCase()] = s.join(",");
      else if (p.in !== "path") pairs[p.in].push(...s);
    };
    setHeaders(h, o.headers);
    for (const p of spec.params) {
      const v = own(values, p.key ?? p.name);
      if (v != null) add(p, v);
    }
    setHeaders(h, options.headers);
    if (idempotencyKey !== undefined) h["idempotency-key"] = idempotencyKey;
    let body: RequestInit["body"];
    const v = values["body"];
    if (spec.body && v !== undefined) body = spec.body.encode(spec.body, v, h);
    if (response === "json") h["accept"] ??= "application/json";
    const path = client.baseUrl + buildPath(spec.path, spec.params, values);
    const target = (): string => path + (pairs.query.length ? "?" : "") + pairs.query.join("&");
    // Every credential value: redacted from messages, URLs, headers, bodies, causes and log lines.
    const secrets: string[] = [];
    await applyAuth(client, spec, add, secrets, () => ({
      method,
      url: target(),
      headers: { ...h },
      body,
    }));
    let url = target();
    // Cookie pairs are percent-encoded: joining them adds no CR or LF.
    if (pairs.cookie.length)
      h["cookie"] = [h["cookie"], ...pairs.cookie].filter(Boolean).join("; ");
    // Credential-like headers set by hand (Authorization, API keys, tokens) are secrets too; short
    // values are skipped so that redaction cannot mangle ordinary text.
    for (const k in h) {
      const v = h[k]!;
      if (/[\0\r\n\u0100-\uffff]/.test(v))
        throw new TypeError(`Header "${k}" contains CR, LF, NUL or a character above U+00FF`);
      if (CREDENTIAL.test(k) && v.length > 7) secrets.push(v, v.replace(/^\S+ /, ""));
    }
    const redact = redactor(secrets);
    let safeUrl = redact(url);
    let m: string = method;
    let res: Response | undefined;
    // The fields of an ApiError from the attempt's last response.
    const info = () => {
      const headers: HeaderMap = {};
      const rateLimit: RateLimitInfo = {};
      res!.headers.forEach((v, k) => {
        headers[k] = v = redact(v);
        if (RATE_LIMIT_HEADER.test(k) || cs.rateLimitHeaders?.includes(k))
          rateLimit[k] = v !== "" && isFinite(+v) ? +v : v;
      });
      return {
        status: res!.status,
        headers,
        rateLimit,
        method: m,
        url: safeUrl,
        requestId: headers[cs.requestIdHeader ?? "x-request-id"],
      };
    };
    const fail = (C: ApiErrorClass, message: string, more: object) =>
      new C({ ...info(), message, ...more } as ApiErrorInit<unknown>);
    // Aborted only on a timeout, the caller's abort or a failure: aborting (and a signal on the Request,
    // which undici links to a second controller) costs more than the rest of a call.
    const ctrl = new AbortController();
    const onAbort = (): void => ctrl.abort(signal!.reason);
    signal?.addEventListener("abort", onAbort);
    // Only the timer aborts `ctrl` before the attempt ends (a caller's abort is checked first).
    const fire = (): void => ctrl.abort();
    // The timeout timer: setTimeout, or the injected clock's sleep (cancelled by aborting `ctrl`).
    const timer =
      timeoutMs &&
      (o.clock
        ? void o.clock.sleep(timeoutMs, ctrl.signal).then(fire, noop)
        : setTimeout(fire, timeoutMs));
    const start = clock.now();
    // the body read: text, or a Blob for a binary 2xx body
    let raw: string | Blob = "";
    let failure: Error | undefined;
    // provably never reached the server (connection refused, DNS failure; `spec.unsent`): POST and PATCH may retry
    let unsent = false;
    // the error body was cut at this many bytes
    let cut = 0;
    // A network failure (fetch rejected, the body stream broke) becomes the attempt's failure.
    const net: <T>(p: Promise<T>) => Promise<T> = (p) =>
      p.catch((e: unknown) => {
        signal?.throwIfAborted();
        const timedOut = ctrl.signal.aborted;
        unsent = !res && !timedOut && !!spec.unsent?.(e);
        throw (failure = new (timedOut ? ApiTimeoutError : ApiConnectionError)(
          `${timedOut ? `Timed out after ${timeoutMs} ms` : "Connection error"}: ${m} ${safeUrl}`,
          m,
          safeUrl,
          scrub(e, redact),
        ));
      });
    // What fetch is called with; a followed redirect may change it (`spec.redirect`). A cast: with no DOM lib
    // (only @types/node), RequestInit's body is optional, not undefined.
    const init = {
      method: m,
      headers: h,
      body,
      signal: ctrl.signal,
      redirect: "manual",
    } as RequestInit & RedirectedRequest;
    try {
      for (let hops = 0; ; hops++) {
        // A Request only for the hooks: building one costs about as much as the rest of a call.
        let req: Request | undefined;
        if (o.onRequest || o.onResponse) {
          req = new Request(url, init);
          req = (await o.onRequest?.(req)) ?? req;
        }
        // fetch(request, init) would replace the hook's method, headers and body with ours
        res = await net((o.fetch ?? fetch)(req ?? url, req ? { signal: ctrl.signal } : init));
        await o.onResponse?.(res, req!);
        const status = res.status;
        // The Fetch standard's redirect statuses; a browser shows a redirect only as `opaqueredirect`.
        const loc = /^30[12378]$/.test("" + status) && res.headers.get("location");
        if (!loc && res.type !== "opaqueredirect") break;
        let next: URL | undefined;
        try {
          next = loc ? new URL(loc, url) : next;
        } catch {
          // an invalid Location: not followed
        }
        const cross = next?.origin !== new URL(path).origin;
        const location = next && redact(next.href);
        const why = !next
          ? "no usable Location"
          : hops > 4
            ? "over 5 redirects"
            : follow === "none" || (cross && follow !== "any-origin")
              ? "followRedirects: " + follow
              : "";
        if (why)
          throw fail(
            ApiRedirectError,
            `Redirect not followed (${why}): ${status} ${m} ${safeUrl} → ${location}`,
            { location },
          );
        void res.body?.cancel().catch(noop);
        // 303, and 301/302 after a POST: GET without a body (the Fetch standard's rule)
        spec.redirect?.(status, init);
        m = init.method;
        // nothing the client added as a credential goes to another origin
        if (cross) stripCredentials(h, next!, cs.securitySchemes);
        url = next!.href;
        safeUrl = location!;
      }
      // A 2xx body over maxResponseBytes fails; an error body is cut at 64 KiB.
      const ok = res.ok;
      const cap = ok ? maxBytes! : Math.min(maxBytes!, 65536);
      let over: boolean;
      [raw, over] = await readBody(res, cap, ok && response === "binary", net);
      if (over) {
        if (ok)
          throw fail(
            ApiResponseTooLargeError,
            `Response body over maxResponseBytes (${cap}): ${res.status} ${m} ${safeUrl}`,
            { limit: cap },
          );
        cut = cap;
      }
    } catch (e) {
      if (e !== failure) throw e; // a hook's error, a redirect or size error: not retried
    } finally {
      clearTimeout(timer);
      // A failed attempt: cancel whatever fetch still holds (e.g. an unread body); ends an injected clock's timer.
      if (o.clock || failure || !res?.bodyUsed) ctrl.abort();
      signal?.removeEventListener("abort", onAbort);
    }
    const status = res?.status;
    const fields = { method: m, url: safeUrl, status, attempt, durationMs: clock.now() - start };
    let delay: number | undefined;
    let error = failure;
    if (!failure) {
      // no failure: a response arrived and its body was read
      const line = `${m} ${safeUrl} ${status}`;
      if (min < 6) o.logger?.info?.(line, fields);
      const r = info();
      const { headers, rateLimit } = r;
      if (res!.ok)
        try {
          const data =
            response === "json"
              ? raw
                ? (JSON.parse(raw as string) as unknown)
                : undefined
              : response === "empty"
                ? undefined
                : raw;
          return { data, response: res!, headers, rateLimit };
        } catch {
          // invalid JSON in a 2xx body: falls through to an ApiError (200 is never retried)
        }
      delay = serverDelayMs(res!.headers, status!, clock.now());
      error = makeApiError({
        ...r,
        retryAfterMs: delay,
        ...errorDetails(res!, redact(raw as string), cut),
      });
      failure = Error(line);
    }
    if (
      attempt > maxRetries ||
      !shouldRetry(repeatable, error === failure ? (unsent ? "unsent" : "sent") : status!)
    )
      throw error!;
    delay ??= backoffMs(attempt, (o.random ?? Math.random)());
    // the overall deadline: no wait that would end after it
    if (clock.now() + delay > deadline) throw error!;
    if (min < 10)
      o.logger?.warn?.(`${failure.message} (retrying in ${delay.toFixed()} ms)`, fields);
    await clock.sleep(delay, signal);
  }
}
