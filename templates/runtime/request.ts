/**
 * Sends one operation: serializes params, applies credentials, runs the attempt loop (timeouts,
 * retries with backoff) and turns the response into typed data or a typed error.
 */
import { noop, toApiPromise, type ApiPromise, type ApiResponse } from "./api-promise.js";
import { applyAuth } from "./auth.js";
import { realClock, type Client, type LogLevel } from "./client.js";
import {
  ApiConnectionError,
  ApiTimeoutError,
  makeApiError,
  type HeaderMap,
  type RateLimitInfo,
} from "./errors.js";
import { backoffMs, isIdempotent, notSent, serverDelayMs, shouldRetry } from "./retry.js";
import { buildPath, enc, encodeBody, formPairs, headerValue, own } from "./serialize.js";
import type { OperationSpec, ParamSpec } from "./types.js";

/** Per-request options (the last argument of every operation function). */
export interface RequestOptions {
  /** Aborts the request; the promise rejects with `signal.reason` and is not retried. */
  signal?: AbortSignal | undefined;
  /** Extra headers for this request (`null` removes a client default). */
  headers?: Record<string, string | null | undefined> | undefined;
  /** Retries after the first attempt. @default the client's `maxRetries` (2) */
  maxRetries?: number | undefined;
  /** Per-attempt timeout in ms. @default the client's `timeoutMs` (60000) */
  timeoutMs?: number | undefined;
  /** Sent as `Idempotency-Key`; makes POST and PATCH retryable like GET. */
  idempotencyKey?: string | undefined;
}

export type { ApiPromise, ApiResponse, ApiResult } from "./api-promise.js";

/**
 * Sends an operation and resolves to its typed 2xx body (`empty` → undefined, `text` → string, `binary` → Blob).
 * @param params one flat object: each parameter under `key ?? name`, the request body under `body`
 * @throws (rejects with) an {@link ApiError} subclass for a non-2xx status, {@link ApiConnectionError},
 *   {@link ApiTimeoutError}, the abort reason when `options.signal` aborts, TypeError for a header value with
 *   CR/LF or a path value that would change the path
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
  const clock = o.clock ?? realClock;
  const maxRetries = options.maxRetries ?? o.maxRetries ?? 2;
  const timeoutMs = options.timeoutMs ?? o.timeoutMs ?? 60000;
  const { signal, idempotencyKey } = options;
  const { method, response } = spec;
  const h: Record<string, string> = {};
  // Encoded `name=value` pairs by location.
  const pairs = { query: [] as string[], cookie: [] as string[] };
  // Every credential value: redacted from messages, URLs, headers and log lines.
  const secrets: string[] = [];
  // Sends one parameter or credential (path parameters go through buildPath).
  const add = (p: ParamSpec, v: unknown): void => {
    if (p.in === "header") h[p.name.toLowerCase()] = headerValue(p, v);
    else if (p.in !== "path") pairs[p.in].push(...formPairs(p, v));
  };
  setHeaders(h, o.headers);
  for (const p of spec.params) {
    const v = own(values, p.key ?? p.name);
    if (v != null) add(p, v);
  }
  setHeaders(h, options.headers);
  if (idempotencyKey !== undefined) h["idempotency-key"] = idempotencyKey;
  let body: BodyInit | null = null;
  const v = values["body"];
  if (spec.body && v !== undefined) {
    const b = encodeBody(spec.body, v);
    body = b.body;
    if (b.type) h["content-type"] = b.type;
  }
  if (response === "json") h["accept"] ??= "application/json";
  await applyAuth(client, spec.security, add, secrets);
  // Credential-like headers set by hand (Authorization, API keys, tokens) are secrets too; short
  // values are skipped so that redaction cannot mangle ordinary text.
  for (const k in h) {
    const v = h[k]!;
    if (/[\r\n]/.test(v)) throw new TypeError(`Header "${k}" contains CR or LF`);
    if (/auth|api.?key|token|secret/i.test(k) && v.length > 7)
      secrets.push(v, v.replace(/^\S+ /, ""));
  }
  // Cookie pairs are percent-encoded: joining them adds no CR or LF.
  if (pairs.cookie.length) h["cookie"] = [h["cookie"], ...pairs.cookie].filter(Boolean).join("; ");
  const url =
    client.baseUrl +
    buildPath(spec.path, spec.params, values) +
    (pairs.query.length ? "?" + pairs.query.join("&") : "");

  const hidden = secrets.filter(Boolean).flatMap((s) => [s, enc(s)]);
  const redact = (s: string): string => hidden.reduce((a, x) => a.replaceAll(x, "[REDACTED]"), s);
  const safeUrl = redact(url);
  // Level order by position in this string: debug < info < warn < error.
  const levels = "debuginfowarnerror";
  const min = levels.indexOf(o.logLevel ?? "info");
  const log = (level: LogLevel, msg: string, fields: Record<string, unknown>): void => {
    if (levels.indexOf(level) >= min) o.logger?.[level]?.(msg, fields);
  };
  const repeatable = isIdempotent(method) || idempotencyKey !== undefined;

  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    // Aborted only on a timeout, the caller's abort or a failure: aborting (and a signal on the Request,
    // which undici links to a second controller) costs more than the rest of a call.
    const ctrl = new AbortController();
    const onAbort = (): void => ctrl.abort(signal!.reason);
    signal?.addEventListener("abort", onAbort);
    // Only the timer aborts `ctrl` before the attempt ends (a caller's abort is checked first).
    const fire = (): void => ctrl.abort();
    // The timeout timer: setTimeout, or the injected clock's sleep (cancelled by aborting `ctrl`).
    const timer = o.clock
      ? void o.clock.sleep(timeoutMs, ctrl.signal).then(fire, noop)
      : setTimeout(fire, timeoutMs);
    const start = clock.now();
    let res: Response | undefined;
    let raw: string | Blob = "";
    let failure: Error | undefined;
    // provably never reached the server (connection refused, DNS failure): POST and PATCH may retry
    let unsent = false;
    try {
      // A Request only for the hooks: building one costs about as much as the rest of a call.
      let req: Request | undefined;
      const init: RequestInit = { method, headers: h, body, signal: ctrl.signal };
      if (o.onRequest || o.onResponse) {
        req = new Request(url, init);
        req = (await o.onRequest?.(req)) ?? req;
      }
      let inHook = false;
      try {
        // fetch(request, init) would replace the hook's method, headers and body with ours
        res = await (o.fetch ?? fetch)(req ?? url, req ? { signal: ctrl.signal } : init);
        inHook = true;
        await o.onResponse?.(res, req!);
        inHook = false;
        // error, json, text and empty bodies as text
        raw = res.ok && response === "binary" ? await res.blob() : await res.text();
      } catch (e) {
        if (inHook) throw e; // the caller's onResponse failed: not a network error
        signal?.throwIfAborted();
        const timedOut = ctrl.signal.aborted;
        unsent = !res && !timedOut && notSent(e);
        failure = new (timedOut ? ApiTimeoutError : ApiConnectionError)(
          `${timedOut ? `Timed out after ${timeoutMs} ms` : "Connection error"}: ${method} ${safeUrl}`,
          method,
          safeUrl,
          e,
        );
      }
    } finally {
      clearTimeout(timer);
      // A failed attempt: cancel whatever fetch still holds (e.g. an unread body); ends an injected clock's timer.
      if (o.clock || !res?.bodyUsed) ctrl.abort();
      signal?.removeEventListener("abort", onAbort);
    }
    const status = res?.status;
    const fields = { method, url: safeUrl, status, attempt, durationMs: clock.now() - start };
    let delay: number | undefined;
    if (res && !failure) {
      const line = `${method} ${safeUrl} ${status}`;
      log("info", line, fields);
      const headers: HeaderMap = {};
      const rateLimit: RateLimitInfo = {};
      res.headers.forEach((v, k) => {
        headers[k] = v = redact(v);
        if (/^(x-)?ratelimit/.test(k) || client.spec.rateLimitHeaders?.includes(k))
          rateLimit[k] = v !== "" && isFinite(+v) ? +v : v;
      });
      if (res.ok)
        try {
          const data =
            response !== "json"
              ? response === "empty"
                ? undefined
                : raw
              : raw
                ? JSON.parse(raw as string)
                : undefined;
          return { data, response: res, headers, rateLimit };
        } catch {
          // invalid JSON in a 2xx body: falls through to an ApiError (200 is never retried)
        }
      const retryAfterMs = serverDelayMs(res.headers, status!, clock.now());
      if (attempt > maxRetries || !shouldRetry(repeatable, status!)) {
        // raw is a string here: error statuses and json responses are read as text
        throw makeApiError({
          status: status!,
          headers,
          method,
          url: safeUrl,
          requestId: headers[client.spec.requestIdHeader ?? "x-request-id"],
          rateLimit,
          retryAfterMs,
          ...errorBody(res, redact(raw as string)),
        });
      }
      delay = retryAfterMs;
      failure = Error(line);
    } else if (attempt > maxRetries || !shouldRetry(repeatable, unsent ? "unsent" : "sent"))
      throw failure;
    delay ??= backoffMs(attempt, (o.random ?? Math.random)());
    log("warn", `${failure!.message} (retrying in ${delay.toFixed()} ms)`, fields);
    await clock.sleep(delay, signal);
  }
}

type Fields = { message?: unknown; code?: unknown; error?: unknown } | null | undefined;

/** Status, message and body of an error response; a non-JSON body becomes its first 1 KB of text. */
function errorBody(
  res: Response,
  text: string,
): { message: string; body: unknown; code: string | undefined } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text.slice(0, 1024) || undefined;
  }
  const b = body as Fields;
  // `code`/`message` at the top level, else in `error` or its first entry: { error: { code } } or { error: [{ code }] }.
  const e = [b?.error].flat()[0] as Fields;
  const pick = (k: "message" | "code"): string | undefined =>
    [b?.[k], e?.[k]].find((v) => typeof v === "string" && v) as string | undefined;
  const detail = typeof body === "string" ? body.slice(0, 200) : pick("message");
  const code = pick("code");
  const head = `${res.status} ${res.ok ? "invalid JSON" : (code ?? res.statusText)}`.trim();
  return { message: detail ? `${head}: ${detail}` : head, body, code };
}
