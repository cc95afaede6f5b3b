/**
 * Test doubles for the runtime: a clock that never sleeps and a scripted fetch.
 */
import type { Clock } from "../../templates/runtime/client.js";

/** 2026-01-01T00:00:00Z: a whole second, so HTTP dates convert exactly. */
export const T0 = Date.UTC(2026, 0, 1);

/**
 * A virtual clock. Backoff sleeps resolve at once, advance `now` and are recorded in `sleeps`;
 * sleeps of exactly `timeoutMs` (the per-attempt timeout timer) are held until {@link FakeClock.fireTimeouts}.
 */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  private readonly held = new Set<() => void>();
  constructor(
    public nowMs = T0,
    readonly timeoutMs = 123_456,
  ) {}
  now(): number {
    return this.nowMs;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (ms === this.timeoutMs) {
      return new Promise((resolve, reject) => {
        const fire = (): void => {
          this.held.delete(fire);
          resolve();
        };
        this.held.add(fire);
        signal?.addEventListener("abort", () => {
          this.held.delete(fire);
          reject(signal.reason);
        });
      });
    }
    this.sleeps.push(ms);
    this.nowMs += ms;
    return Promise.resolve();
  }
  /** Number of running timeout timers. */
  get pendingTimeouts(): number {
    return this.held.size;
  }
  /** Expires every running timeout timer. */
  fireTimeouts(): void {
    for (const fire of [...this.held]) fire();
  }
}

/** One scripted answer: a Response factory, or an error to reject with. */
export type Step = ((req: Request, init?: RequestInit) => Response | Promise<Response>) | Error;
// The client calls fetch(url, init), or fetch(request, { signal }) when a hook is set; steps see a Request.

/** What the fake fetch saw for one call (body read as text). */
export interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Promise<string>;
  request: Request;
}

/**
 * A fetch that answers with `steps` in order (the last step repeats) and records every request.
 */
export function scriptedFetch(...steps: Step[]): {
  fetch: (input: string | Request, init?: RequestInit) => Promise<Response>;
  calls: Seen[];
} {
  const calls: Seen[] = [];
  const fetch = async (input: string | Request, init?: RequestInit): Promise<Response> => {
    const req = typeof input === "string" ? new Request(input, init) : input;
    calls.push({
      method: req.method,
      url: req.url,
      headers: Object.fromEntries(req.headers),
      body: req.clone().text(),
      request: req,
    });
    const step = steps[Math.min(calls.length, steps.length) - 1]!;
    if (step instanceof Error) throw step;
    return step(req, init);
  };
  return { fetch, calls };
}

/** A JSON response factory. */
export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Step =>
  () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { "content-type": "application/json", ...headers },
    });

/** A text response factory. */
export const textResponse =
  (status: number, body: string, headers: Record<string, string> = {}): Step =>
  () =>
    new Response(body, { status, headers });

/** The error undici's fetch rejects with when the TCP connection is refused (or another socket `code`). */
export function fetchFailed(code: string): Error {
  return new TypeError("fetch failed", {
    cause: Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code }),
  });
}

/** A fetch step that never answers until its signal aborts (a server slower than the timeout). */
export const hang =
  (onStart?: () => void): Step =>
  (_req, init) =>
    new Promise<Response>((_, reject) => {
      const signal = init?.signal;
      signal?.addEventListener("abort", () => reject(signal.reason));
      onStart?.();
    });
