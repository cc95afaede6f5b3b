import { describe, expect, it } from "vitest";
import {
  buildPath,
  encodeBody,
  formPairs,
  headerValue,
  jsonBody,
  mediaBody,
  pathStyles,
  pathValue,
} from "../../templates/runtime/serialize.js";
import type { BodyMedia, ParamSpec, ParamStyle } from "../../templates/runtime/types.js";

const arr = ["blue", "black", "brown"];
const obj = { R: 100, G: 200, B: 150 };

const path = (style: ParamStyle | undefined, explode: boolean | undefined): ParamSpec => ({
  name: "color",
  in: "path",
  ...(style ? { style } : {}),
  ...(explode !== undefined ? { explode } : {}),
});
const query = (
  style: ParamStyle | undefined,
  explode?: boolean,
  extra: Partial<ParamSpec> = {},
): ParamSpec => ({
  name: "color",
  in: "query",
  ...(style ? { style } : {}),
  ...(explode !== undefined ? { explode } : {}),
  ...extra,
});

// The tables from the OpenAPI specification's "Style Examples".
describe("path styles", () => {
  it.each([
    ["simple", false, "blue", "blue"],
    ["simple", false, arr, "blue,black,brown"],
    ["simple", false, obj, "R,100,G,200,B,150"],
    ["simple", true, arr, "blue,black,brown"],
    ["simple", true, obj, "R=100,G=200,B=150"],
    ["label", false, "blue", ".blue"],
    ["label", false, arr, ".blue,black,brown"],
    ["label", false, obj, ".R,100,G,200,B,150"],
    ["label", true, arr, ".blue.black.brown"],
    ["label", true, obj, ".R=100.G=200.B=150"],
    ["matrix", false, "blue", ";color=blue"],
    ["matrix", false, arr, ";color=blue,black,brown"],
    ["matrix", false, obj, ";color=R,100,G,200,B,150"],
    ["matrix", true, arr, ";color=blue;color=black;color=brown"],
    ["matrix", true, obj, ";R=100;G=200;B=150"],
  ] as const)("%s explode=%s %j → %s", (style, explode, value, expected) => {
    expect(pathValue(path(style, explode), value)).toBe(expected);
  });

  it("defaults to simple, not exploded", () => {
    expect(pathValue(path(undefined, undefined), obj)).toBe("R,100,G,200,B,150");
  });

  it.each([
    ["../x", "/files/..%2Fx"],
    ["a/b", "/files/a%2Fb"],
    ["a?b=c", "/files/a%3Fb%3Dc"],
    ["a#frag", "/files/a%23frag"],
    ["100%", "/files/100%25"],
    ["é ü", "/files/%C3%A9%20%C3%BC"],
  ])("percent-encodes %j so it stays one segment", (value, expected) => {
    expect(buildPath("/files/{name}", [{ name: "name", in: "path" }], { name: value })).toBe(
      expected,
    );
  });

  it.each([".", "..", "%2e%2E"])("refuses %j, which would be read as a dot segment", (value) => {
    // "%2e%2E" encodes to "%252e%252E", which is safe; only literal dots are refused.
    const spec: ParamSpec[] = [{ name: "name", in: "path" }];
    if (value.startsWith("%"))
      expect(buildPath("/f/{name}", spec, { name: value })).toBe("/f/%252e%252E");
    else
      expect(() => buildPath("/f/{name}", spec, { name: value })).toThrow(/would change the path/);
  });

  it("refuses a label value that would make a dot segment", () => {
    expect(() =>
      buildPath("/f/{x}", [{ name: "x", in: "path", style: "label", serialize: pathStyles }], {
        x: ".",
      }),
    ).toThrow(TypeError);
  });

  it("uses ParamSpec.key for the params property and throws on a missing value", () => {
    const spec: ParamSpec[] = [{ name: "payout-id", in: "path", key: "payoutId" }];
    expect(buildPath("/p/{payout-id}", spec, { payoutId: "7" })).toBe("/p/7");
    expect(() => buildPath("/p/{payout-id}", spec, {})).toThrow(
      /Missing path parameter "payout-id"/,
    );
  });

  it.each([
    ["an empty string", ""],
    ["an empty array", []],
    ["an empty object", {}],
  ])("refuses %s, which would address the collection (PUT /items/)", (_, value) => {
    // a parameter whose schema admits arrays and objects: the generator gives it its serializer
    const spec: ParamSpec[] = [{ name: "id", in: "path", serialize: pathStyles }];
    expect(() => buildPath("/items/{id}", spec, { id: value })).toThrow(
      'Missing path parameter "id" (or empty)',
    );
  });
});

describe("query styles", () => {
  it.each([
    [undefined, undefined, "blue", ["color=blue"]],
    ["form", true, arr, ["color=blue", "color=black", "color=brown"]],
    ["form", false, arr, ["color=blue,black,brown"]],
    ["form", true, obj, ["R=100", "G=200", "B=150"]],
    ["form", false, obj, ["color=R,100,G,200,B,150"]],
    ["spaceDelimited", false, arr, ["color=blue%20black%20brown"]],
    ["spaceDelimited", undefined, arr, ["color=blue%20black%20brown"]],
    ["spaceDelimited", true, arr, ["color=blue", "color=black", "color=brown"]],
    ["pipeDelimited", false, arr, ["color=blue|black|brown"]],
    ["pipeDelimited", false, obj, ["color=R|100|G|200|B|150"]],
    ["deepObject", true, obj, ["color[R]=100", "color[G]=200", "color[B]=150"]],
  ] as const)("%s explode=%s %j", (style, explode, value, expected) => {
    expect(formPairs(query(style, explode), value)).toEqual(expected);
  });

  it("deepObject nests objects and repeats array members", () => {
    expect(
      formPairs(query("deepObject", true), { a: { b: "x y" }, tags: ["1", "2"], skip: undefined }),
    ).toEqual(["color[a][b]=x%20y", "color[tags]=1", "color[tags]=2"]);
  });

  it("encodes reserved characters unless allowReserved (which still encodes #)", () => {
    expect(formPairs(query("form"), "a/b?c&d=e#f")).toEqual(["color=a%2Fb%3Fc%26d%3De%23f"]);
    expect(formPairs(query("form", true, { allowReserved: true }), "a/b?c:d#f %")).toEqual([
      "color=a/b?c:d%23f%20%25",
    ]);
  });

  it("json parameters are sent as encoded JSON text", () => {
    expect(formPairs(query(undefined, undefined, { json: true }), { a: [1, "x"] })).toEqual([
      "color=" + encodeURIComponent('{"a":[1,"x"]}'),
    ]);
  });

  it("dates become ISO 8601, booleans and numbers text, and the name is encoded", () => {
    const d = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(formPairs({ name: "since date", in: "query" }, d)).toEqual([
      "since%20date=2026-01-02T03%3A04%3A05.000Z",
    ]);
    expect(formPairs({ name: "n", in: "query" }, [true, 0])).toEqual(["n=true", "n=0"]);
  });

  it("cookie values are form-style and always encoded", () => {
    expect(formPairs({ name: "s", in: "cookie", allowReserved: true }, "a;b c")).toEqual([
      "s=a%3Bb%20c",
    ]);
    expect(formPairs({ name: "s", in: "cookie", explode: false }, ["a", "b"])).toEqual(["s=a,b"]);
  });
});

describe("header values", () => {
  it.each([
    [false, "5", "5"],
    [false, arr, "blue,black,brown"],
    [false, obj, "R,100,G,200,B,150"],
    [true, obj, "R=100,G=200,B=150"],
  ] as const)("simple explode=%s %j → %s", (explode, value, expected) => {
    expect(headerValue({ name: "X-Color", in: "header", explode }, value)).toBe(expected);
  });

  it("does not percent-encode", () => {
    expect(headerValue({ name: "X-A", in: "header" }, "a b/c")).toBe("a b/c");
  });
});

describe("bodies", () => {
  it("json", async () => {
    const { body, type } = encodeBody(
      { mediaType: "application/json", encoding: "json", required: true },
      { a: [1, null] },
    );
    expect([body, type]).toEqual(['{"a":[1,null]}', "application/json"]);
  });

  it("form (x-www-form-urlencoded): arrays repeat, objects travel as JSON, undefined is dropped", async () => {
    const { body, type } = encodeBody(
      { mediaType: "application/x-www-form-urlencoded", encoding: "form", required: true },
      { name: "a b&c", tags: ["x", "y"], meta: { k: 1 }, gone: undefined, n: 3 },
    );
    expect(type).toBe("application/x-www-form-urlencoded");
    expect(String(body)).toBe("name=a+b%26c&tags=x&tags=y&meta=%7B%22k%22%3A1%7D&n=3");
  });

  it("multipart: FormData with Blob parts, no Content-Type (fetch adds the boundary)", async () => {
    const file = new File(["%PDF"], "invoice.pdf", { type: "application/pdf" });
    const { body, type } = encodeBody(
      { mediaType: "multipart/form-data", encoding: "multipart", required: true },
      { file, note: "hi", ids: [1, 2] },
    );
    expect(type).toBeUndefined();
    const fd = body as FormData;
    expect(fd.getAll("ids")).toEqual(["1", "2"]);
    expect(fd.get("note")).toBe("hi");
    const part = fd.get("file") as File;
    expect([part.name, part.type, await part.text()]).toEqual([
      "invoice.pdf",
      "application/pdf",
      "%PDF",
    ]);
  });

  it("binary passes the value through; text stringifies", () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(
      encodeBody(
        { mediaType: "application/octet-stream", encoding: "binary", required: true },
        bytes,
      ),
    ).toEqual({
      body: bytes,
      type: "application/octet-stream",
    });
    expect(encodeBody({ mediaType: "text/plain", encoding: "text", required: true }, 42)).toEqual({
      body: "42",
      type: "text/plain",
    });
  });
});

describe("body encoders (BodySpec.encode)", () => {
  it("jsonBody sends JSON text with the media type as Content-Type", () => {
    const h: Record<string, string> = {};
    const spec = { mediaType: "application/merge-patch+json", encoding: "json", required: true };
    expect(jsonBody(spec as BodyMedia, { a: null }, h)).toBe('{"a":null}');
    expect(h).toEqual({ "content-type": "application/merge-patch+json" });
  });

  it("mediaBody sets Content-Type except for multipart (fetch adds the boundary)", () => {
    const h: Record<string, string> = {};
    const text = { mediaType: "text/plain", encoding: "text", required: true } as const;
    expect(mediaBody(text, 7, h)).toBe("7");
    expect(h).toEqual({ "content-type": "text/plain" });
    const multipart = { mediaType: "multipart/form-data", encoding: "multipart", required: true };
    const m: Record<string, string> = {};
    expect(mediaBody(multipart as BodyMedia, { a: "1" }, m)).toBeInstanceOf(FormData);
    expect(m).toEqual({});
  });
});
