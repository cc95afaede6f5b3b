import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createClientCore } from "../../templates/runtime/client.js";
import { request } from "../../templates/runtime/request.js";
import { buildPath } from "../../templates/runtime/serialize.js";
import type { OperationSpec, ParamStyle } from "../../templates/runtime/types.js";
import { clientSpec, styled } from "./specs.js";

const BASE = "https://api.introw.test/base";

/** Strings that try to escape a path segment or the query, mixed with arbitrary text. */
const nasty = fc.oneof(
  fc.constantFrom(
    "..",
    ".",
    "../..",
    "/",
    "//evil.test",
    "?",
    "#",
    "%2e%2e",
    "%2F",
    "a/../b",
    "\\..\\",
    "@evil.test",
    ":80",
    "&x=1",
    "=",
    ";",
    ",",
    " ",
    "\u0000",
    "\r\n",
  ),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.string({ maxLength: 12 }),
);
const scalar = fc.oneof(nasty, fc.integer(), fc.boolean());
const value = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 4 }),
  fc.dictionary(nasty, scalar, { maxKeys: 3 }),
);
const pathStyle = fc.constantFrom<ParamStyle>("simple", "label", "matrix");
const queryStyle = fc.constantFrom<ParamStyle>(
  "form",
  "spaceDelimited",
  "pipeDelimited",
  "deepObject",
);

describe("fuzz: parameter values never change the request target", () => {
  it("keeps the origin and the number of path segments (fixed seed, 1000 runs)", async () => {
    let sent = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        value,
        value,
        pathStyle,
        fc.boolean(),
        value,
        queryStyle,
        fc.boolean(),
        fc.boolean(),
        async (a, b, style, explode, q, qStyle, qExplode, allowReserved) => {
          const spec: OperationSpec = {
            id: "fuzz",
            method: "GET",
            path: "/v1/items/{a}/lines/{b}",
            params: [
              styled({ name: "a", in: "path", style, explode }),
              styled({ name: "b", in: "path" }),
              styled({ name: "q", in: "query", style: qStyle, explode: qExplode, allowReserved }),
            ],
            response: "json",
            security: [],
          };
          const urls: string[] = [];
          const client = createClientCore(clientSpec, {
            baseUrl: BASE,
            maxRetries: 0,
            fetch: async (input) => {
              urls.push(new Request(input).url);
              return new Response("{}");
            },
          });
          try {
            await request(client, spec, { a, b, q });
          } catch (e) {
            // Refused before sending: a value that would form a dot segment, or text with a lone surrogate.
            expect(String(e)).toMatch(/would change the path|URI malformed|Missing path parameter/);
            expect(urls).toEqual([]);
            refused++;
            return;
          }
          expect(urls).toHaveLength(1);
          sent++;
          const url = new URL(urls[0]!);
          expect(url.origin).toBe("https://api.introw.test");
          expect(url.username + url.password).toBe("");
          expect(url.hash).toBe("");
          const segments = url.pathname.split("/");
          expect(segments).toHaveLength(7);
          expect([segments[1], segments[2], segments[3], segments[5]]).toEqual([
            "base",
            "v1",
            "items",
            "lines",
          ]);
        },
      ),
      { seed: 20260101, numRuns: 1000 },
    );
    // Both outcomes occur, so the property is not vacuous.
    expect(sent).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(0);
  });

  it("a string path value round-trips: decoding its segment gives the value back (500 runs)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 20 }), (s) => {
        fc.pre(s !== "." && s !== ".." && s !== ""); // refused: see serialize.test.ts
        const url = new URL(BASE + buildPath("/x/{s}", [{ name: "s", in: "path" }], { s }));
        expect(decodeURIComponent(url.pathname.split("/")[3]!)).toBe(s);
      }),
      { seed: 7, numRuns: 500 },
    );
  });
});
