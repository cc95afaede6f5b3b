/**
 * The client value every operation takes: resolved base URL, credentials and options.
 * A plain object, not a class holding operations, so unused operations tree-shake away.
 */
import type { ClientSpec } from "./types.js";

/**
 * The request a credential function sees: every parameter and every constant credential is already set
 * (functions run in the order of the security requirement, each seeing the ones before it).
 */
export interface OutgoingRequest {
  readonly method: string;
  /** The full URL, query string (and API keys sent in the query) included. */
  readonly url: string;
  /** The headers set so far, names lower-cased (cookie parameters are joined into `cookie` afterwards). */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as fetch gets it: a string for JSON and text, URLSearchParams, FormData, binary; or undefined. */
  readonly body: RequestInit["body"];
}

/**
 * An API key or token, or a function returning one, called for every attempt with the outgoing request
 * (to refresh a token, or to sign the request). Returning undefined or null is a TypeError naming the scheme.
 */
export type Credential = string | ((request: OutgoingRequest) => string | Promise<string>);

/** HTTP basic credentials. */
export interface BasicAuth {
  username: string;
  password: string;
}
/** HTTP basic credentials, or a function returning them (called like a {@link Credential} function). */
export type BasicCredential =
  BasicAuth | ((request: OutgoingRequest) => BasicAuth | Promise<BasicAuth>);

/** Time source; inject one in tests to assert backoff schedules without sleeping. */
export interface Clock {
  /** Current time in ms since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds; rejects with `signal.reason` when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export type LogLevel = "debug" | "info" | "warn" | "error";

/**
 * Receives structured log lines: `fields` hold method, url, status, attempt and durationMs.
 * Credentials never appear in a message or a field.
 */
export type Logger = {
  [L in LogLevel]?: (message: string, fields: Record<string, unknown>) => void;
};

/** setTimeout-based clock used unless the client injects one. */
export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      const stop = (): void => {
        clearTimeout(id);
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the abort reason as given, as fetch does
        reject(signal!.reason);
      };
      // The listener is removed when the timer fires, so a long-lived signal does not collect listeners.
      const id = setTimeout(() => resolve(signal?.removeEventListener("abort", stop)), ms);
      if (signal?.aborted) stop();
      else signal?.addEventListener("abort", stop);
    }),
};

/** Options for {@link createClientCore}; the generated `createClient` adds named credentials and servers. */
export interface ClientOptions {
  /** Absolute http(s) URL that replaces the document's servers. */
  baseUrl?: string | undefined;
  /** Name of a server from the document. @default the first server */
  server?: string | undefined;
  /** Values for the server URL's `{variables}`. @default each variable's `default` */
  serverVariables?: Record<string, string> | undefined;
  /** Credentials by security scheme name. */
  auth?: Record<string, Credential | BasicCredential | undefined> | undefined;
  /**
   * fetch implementation, called as `fetch(url, init)`, or as `fetch(request, { signal })` when
   * `onRequest` or `onResponse` is set. Honour `init.signal`: timeouts and cancellation abort it.
   * @default globalThis.fetch (looked up at call time)
   */
  fetch?: ((input: string | Request, init?: RequestInit) => Promise<Response>) | undefined;
  /** Headers sent with every request (a request's own headers win; `null` removes a default). */
  headers?: Record<string, string | null | undefined> | undefined;
  /**
   * Retries after the first attempt. Limits are whole numbers from 0 to 2147483647, or Infinity (here:
   * until `maxElapsedMs`); anything else is a TypeError. @default 2
   */
  maxRetries?: number | undefined;
  /** Per-attempt timeout in ms, including reading the body; 0 and Infinity mean none. @default 60000 */
  timeoutMs?: number | undefined;
  /**
   * Deadline of a whole call in ms, from its start: a retry whose wait would end after it is not started, and
   * the last error is thrown (an attempt already running is bounded by `timeoutMs`, not cut). 0 and Infinity
   * mean none. @default 120000
   */
  maxElapsedMs?: number | undefined;
  /**
   * Largest 2xx response body in bytes (after decompression): a larger `Content-Length` fails before reading,
   * a longer stream once it passes the limit, with `ApiResponseTooLargeError`. Error bodies are read up to
   * 64 KiB (or this limit, if lower) and truncated. Infinity means none. @default 67108864 (64 MiB)
   */
  maxResponseBytes?: number | undefined;
  /**
   * Which redirects (301, 302, 303, 307, 308) are followed, at most 5 per attempt, by the Fetch standard's
   * method rules: `"same-origin"` follows those to the base URL's origin; `"any-origin"` also follows others,
   * after removing every credential (security-scheme headers, query and cookie credentials, credential-like
   * `headers`); `"none"` follows nothing. A redirect not followed is an `ApiRedirectError`. A custom `fetch`
   * must honour `init.redirect` ("manual").
   * @default "same-origin"
   */
  followRedirects?: "same-origin" | "any-origin" | "none" | undefined;
  /** Called with each outgoing request (every attempt); may return a replacement (e.g. to sign it). */
  onRequest?: ((request: Request) => Request | void | Promise<Request | void>) | undefined;
  /** Called with each response before its body is read (use `response.clone()` to read it). */
  onResponse?: ((response: Response, request: Request) => void | Promise<void>) | undefined;
  /** Structured logger. */
  logger?: Logger | undefined;
  /** Lowest level passed to `logger`. @default "info" */
  logLevel?: LogLevel | undefined;
  /** Time source. @default Date.now and setTimeout */
  clock?: Clock | undefined;
  /** Random source in [0, 1) for backoff jitter. @default Math.random */
  random?: (() => number) | undefined;
}

/** A configured client: pass it to every operation function. */
export interface Client {
  readonly spec: ClientSpec;
  /** Base URL without a trailing slash. */
  readonly baseUrl: string;
  readonly options: Readonly<ClientOptions>;
}

/** The limit options, which a request may override (`RequestOptions`). */
export type LimitOptions = Pick<
  ClientOptions,
  "maxRetries" | "timeoutMs" | "maxElapsedMs" | "maxResponseBytes" | "followRedirects"
>;

/** The numeric limits and their defaults, in the order {@link limits} returns them. */
const LIMITS = { maxRetries: 2, timeoutMs: 60000, maxElapsedMs: 120000, maxResponseBytes: 2 ** 26 };

/**
 * The numeric limits of a call, each from the request's options, else the client's, else its default:
 * `[maxRetries, timeoutMs, maxElapsedMs, maxResponseBytes]`.
 * @throws TypeError naming the option and the value unless it is a whole number from 0 to 2147483647 (the
 *   largest timer delay) or Infinity
 */
export const limits = (options: LimitOptions, client: LimitOptions = {}): number[] =>
  Object.entries(LIMITS).map(([name, fallback]) => {
    const v =
      options[name as keyof typeof LIMITS] ?? client[name as keyof typeof LIMITS] ?? fallback;
    if (v === Infinity || (v >= 0 && v < 2 ** 31 && v % 1 === 0)) return v;
    throw new TypeError(
      `${name} must be a whole number from 0 to 2147483647, or Infinity; got ${v}`,
    );
  });

/**
 * Creates a client from the document's servers and security schemes plus the caller's options.
 * @throws TypeError when the base URL is not an absolute http(s) URL (or has user info, a query or a
 *   fragment), the server name is unknown, or a limit option is out of range (see {@link limits})
 */
export function createClientCore(spec: ClientSpec, options: ClientOptions = {}): Client {
  let url = options.baseUrl;
  if (url === undefined) {
    const server = spec.servers.find((s) => (options.server ?? s.name) === s.name);
    if (!server) throw new TypeError(`Unknown server "${options.server}"`);
    // Variable values come from the caller's config (not from request data); enums are not enforced.
    url = server.url.replace(
      /\{([^}]+)\}/g,
      (_, name: string) =>
        options.serverVariables?.[name] ?? server.variables?.[name]?.default ?? "",
    );
  }
  // No user info: a password there would be sent to every host and shown in every error URL.
  if (!/^https?:\/\/[^/?#@]+(\/[^?#]*)?$/i.test(url))
    throw new TypeError(
      "baseUrl must be an absolute http(s) URL without user info, query or fragment",
    );
  limits(options);
  return { spec, baseUrl: url.replace(/\/+$/, ""), options };
}

/**
 * A client with some options replaced (e.g. a different `maxRetries` or `logger`); the original is unchanged.
 */
export const withOptions = (client: Client, options: ClientOptions): Client =>
  createClientCore(client.spec, { ...client.options, ...options });
