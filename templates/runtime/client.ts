/**
 * The client value every operation takes: resolved base URL, credentials and options.
 * A plain object, not a class holding operations, so unused operations tree-shake away.
 */
import type { ClientSpec } from "./types.js";

/** An API key or token, or a function returning one (called before each request, e.g. to refresh it). */
export type Credential = string | (() => string | Promise<string>);

/** HTTP basic credentials. */
export interface BasicAuth {
  username: string;
  password: string;
}
/** HTTP basic credentials, or a function returning them. */
export type BasicCredential = BasicAuth | (() => BasicAuth | Promise<BasicAuth>);

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
  /** Retries after the first attempt. @default 2 */
  maxRetries?: number | undefined;
  /** Per-attempt timeout in ms, including reading the body. @default 60000 */
  timeoutMs?: number | undefined;
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

/**
 * Creates a client from the document's servers and security schemes plus the caller's options.
 * @throws TypeError when the base URL is not an absolute http(s) URL (or has a query or fragment), or
 *   the server name is unknown
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
  if (!/^https?:\/\/[^/?#][^?#]*$/i.test(url))
    throw new TypeError("baseUrl must be an http(s) URL, no query");
  return { spec, baseUrl: url.replace(/\/+$/, ""), options };
}

/**
 * A client with some options replaced (e.g. a different `maxRetries` or `logger`); the original is unchanged.
 */
export const withOptions = (client: Client, options: ClientOptions): Client =>
  createClientCore(client.spec, { ...client.options, ...options });
