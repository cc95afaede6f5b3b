/**
 * Redaction of credentials in every form a server or library may render them (issue: only the exact bytes
 * were redacted, so a key echoed JSON-escaped, percent-encoded in lower case, or inside a fetch error's
 * `cause` reached `message`, `toString()`, JSON, `util.inspect` and `body`; a password in `baseUrl` reached
 * `url`). Property tests with random secrets over every rendering of the error and the log lines.
 */
import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createClientCore, type ClientOptions } from "../../templates/runtime/client.js";
import { ApiConnectionError, type ApiError } from "../../templates/runtime/errors.js";
import { redactor } from "../../templates/runtime/redact.js";
import { request } from "../../templates/runtime/request.js";
import type { ClientSpec, OperationSpec } from "../../templates/runtime/types.js";
import { FakeClock, scriptedFetch, type Step } from "./fakes.js";
import { clientSpec, getPayout } from "./specs.js";

const pct = (s: string): string => encodeURIComponent(s);
const lowerPct = (s: string): string => pct(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
/** PHP's json_encode: `/` as `\/`, non-ASCII as `\uXXXX`. */
const phpJson = (s: string): string =>
  JSON.stringify(s)
    .slice(1, -1)
    .replace(/\//g, "\\/")
    .replace(/[^\x20-\x7e]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
/** Go's encoding/json: `<`, `>`, `&` as `\u003c` (lower-case hex). */
const goJson = (s: string): string =>
  JSON.stringify(s)
    .slice(1, -1)
    .replace(/[<>&]/g, (c) => "\\u00" + c.charCodeAt(0).toString(16));
const form = (s: string): string => new URLSearchParams({ k: s }).toString().slice(2);

/** Every form a secret may take in a rendering: as is, JSON-escaped (three dialects), percent-encoded, inspect's. */
const forms = (s: string): string[] => [
  s,
  JSON.stringify(s).slice(1, -1),
  phpJson(s),
  goJson(s),
  pct(s),
  lowerPct(s),
  form(s),
  inspect(s).slice(1, -1),
];

/** The server echoes the key it received in every form: body fields, text and a response header. */
const echo =
  (status: number, readKey: (req: Request) => string): Step =>
  (req) => {
    const k = readKey(req);
    const text = `{"code":"E_KEY","message":"bad key ${phpJson(k)}","detail":"${goJson(k)}","error_description":${JSON.stringify(k)},"raw":"${lowerPct(k)} ${pct(k)} ${form(k)}","url":${JSON.stringify(req.url)}}`;
    return new Response(text, {
      status,
      headers: { "content-type": "application/json", "x-echo": /^[\x20-\xff]*$/.test(k) ? k : "-" },
    });
  };

/** Every rendering of an error a program or a log may show, plus the log lines. */
function renderings(error: Error, lines: string[]): string[] {
  const e = error as ApiError;
  const views = [
    error.message,
    String(error),
    error.stack ?? "",
    JSON.stringify(error),
    inspect(error, { depth: 10, showHidden: true }),
    JSON.stringify(e.body ?? null),
    JSON.stringify(e.headers ?? null),
    String(e.url),
    ...lines,
  ];
  for (let c: unknown = error.cause; c instanceof Error; c = c.cause)
    views.push(c.message, c.stack ?? "", JSON.stringify(c), inspect(c, { showHidden: true }));
  return views;
}

function expectNoLeak(secret: string, views: string[]): void {
  for (const view of views)
    for (const f of forms(secret))
      expect(view.includes(f), `${JSON.stringify(f)} in ${view}`).toBe(false);
}

async function run(spec: ClientSpec, key: string, step: Step, options: ClientOptions = {}) {
  const lines: string[] = [];
  const log = (m: string, f: object): void => void lines.push(m + " " + JSON.stringify(f));
  const f = scriptedFetch(step);
  const client = createClientCore(spec, {
    fetch: f.fetch,
    clock: new FakeClock(),
    maxRetries: 1,
    auth: { K: key },
    logger: { debug: log, info: log, warn: log, error: log },
    logLevel: "debug",
    ...options,
  });
  const op: OperationSpec = { ...getPayout, security: [["K"]] };
  const error = (await request(client, op, { id: "p1" }).catch((e: unknown) => e)) as Error;
  return { error, lines, calls: f.calls };
}

const header: ClientSpec = {
  ...clientSpec,
  securitySchemes: { K: { type: "apiKey", in: "header", name: "x-api-key" } },
};
const query: ClientSpec = {
  ...clientSpec,
  securitySchemes: { K: { type: "apiKey", in: "query", name: "api_key" } },
};

// Header values are Latin-1 without controls; query values may be any text (sent percent-encoded as UTF-8).
const symbols = [..."/+=_-.~!*'()\"\\<>&?#%@:;,[]{}|^`$"];
const alnum = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"];
const secret = (extra: string[]) =>
  fc
    .string({
      unit: fc.constantFrom(...alnum, ...alnum, ...symbols, ...extra),
      minLength: 12,
      maxLength: 40,
    })
    .filter((s) => s.trim() === s && (s.match(/[a-z\d]/gi) ?? []).length >= 6);

describe("redaction: random secrets over every rendering (fast-check)", () => {
  it("an API-key header echoed in every form reaches no message, string, JSON, inspect, body, header, url or log line", async () => {
    await fc.assert(
      fc.asyncProperty(secret([" ", "é", "ÿ"]), async (key) => {
        const { error, lines, calls } = await run(
          header,
          key,
          echo(401, (r) => r.headers.get("x-api-key")!),
        );
        expect(calls[0]!.headers["x-api-key"]).toBe(key);
        expect(error).toMatchObject({ name: "AuthenticationError", status: 401 });
        expectNoLeak(key, renderings(error, lines));
      }),
      { seed: 13, numRuns: 150 },
    );
  });

  it("an API key sent in the query (any text) is redacted from url, body and logs, after retries", async () => {
    await fc.assert(
      fc.asyncProperty(secret([" ", "é", "€", "😀", "\n"]), async (key) => {
        const read = (r: Request): string => new URL(r.url).searchParams.get("api_key")!;
        const { error, lines, calls } = await run(query, key, echo(503, read));
        expect(calls).toHaveLength(2);
        expect(read(calls[0]!.request)).toBe(key);
        expectNoLeak(key, renderings(error, lines));
      }),
      { seed: 14, numRuns: 150 },
    );
  });

  it("a fetch error whose message, cause and `input` carry the URL with the key: redacted along the cause chain", async () => {
    await fc.assert(
      fc.asyncProperty(secret([" ", "é", "€"]), async (key) => {
        const failing: Step = (req) => {
          // undici's shape: TypeError("Failed to parse URL from <url>", { cause: TypeError("Invalid URL") with input })
          const cause = Object.assign(new TypeError(`Invalid URL ${req.url}`), {
            code: "ERR_INVALID_URL",
            input: req.url,
          });
          throw new TypeError(`Failed to parse URL from ${req.url}`, { cause });
        };
        const { error, lines } = await run(query, key, failing);
        expect(error).toBeInstanceOf(ApiConnectionError);
        const cause = error.cause as Error & { cause: Error & { code?: string; input?: unknown } };
        expect(cause.name).toBe("TypeError");
        expect(cause.message).toMatch(
          /^Failed to parse URL from https:\/\/api\.introw\.test\/.*\[REDACTED\]/,
        );
        expect(cause.cause.code).toBe("ERR_INVALID_URL");
        expect(cause.cause.input).toBeUndefined();
        expectNoLeak(key, renderings(error, lines));
      }),
      { seed: 15, numRuns: 60 },
    );
  });
});

describe("redactor", () => {
  const r = redactor(["a/b<c&d é€ key"]);
  it.each([
    ["as is", "x a/b<c&d é€ key y"],
    ["JSON with \\/", "x a\\/b<c&d \\u00e9\\u20ac key y"],
    ["Go's \\u003c", "x a/b\\u003cc\\u0026d é€ key y"],
    ["upper-case percent", "x a%2Fb%3Cc%26d%20%C3%A9%E2%82%AC%20key y"],
    ["lower-case percent", "x a%2fb%3cc%26d%20%c3%a9%e2%82%ac%20key y"],
    ["mixed, letters in another case", "x A/B%3cC&D é\\u20AC KEY y"],
  ])("matches the secret %s", (_, text) => {
    expect(r(text)).toBe("x [REDACTED] y");
  });

  it("leaves other text alone and is a no-op without secrets", () => {
    expect(r("a/b<c&d é€ ke")).toBe("a/b<c&d é€ ke");
    expect(redactor([])("anything")).toBe("anything");
    expect(redactor(["", ""])("")).toBe("");
  });

  it("matches the longer of two overlapping secrets first", () => {
    expect(redactor(["abc", "abcdef"])("abcdef abc")).toBe("[REDACTED] [REDACTED]");
  });
});

describe("baseUrl with user info", () => {
  it.each(["https://ann:hunter22@api.example.test", "https://token@api.example.test/v1"])(
    "%s is refused with a TypeError that does not show the password",
    (baseUrl) => {
      expect(() => createClientCore(clientSpec, { baseUrl })).toThrow(
        new TypeError(
          "baseUrl must be an absolute http(s) URL without user info, query or fragment",
        ),
      );
    },
  );
});
