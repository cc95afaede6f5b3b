/**
 * The generator leaves `serialize` out of a ParamSpec only where the request core's default (a scalar as text)
 * gives exactly what the full style serializers give; everywhere else it names the serializer that does.
 * Checked for every location × style × explode × allowReserved × json × scalar schema, against values of every
 * shape the schema admits.
 */
import { describe, expect, it } from "vitest";
import {
  bodyEncoder,
  paramSerializer,
  partialSecurity,
  redirectChange,
  unsentCheck,
} from "../../generator/emit/runtime-refs.js";
import type { ParameterModel } from "../../generator/model/model.js";
import {
  formPairs,
  headerStyles,
  headerValue,
  pathStyles,
  pathValue,
  plain,
  queryStyles,
} from "../../templates/runtime/serialize.js";
import type {
  BodyEncoding,
  ParamLocation,
  ParamSpec,
  ParamStyle,
} from "../../templates/runtime/types.js";

const SERIALIZERS = { pathStyles, headerStyles, queryStyles };
const locations: ParamLocation[] = ["path", "header", "query", "cookie"];
const styles: (ParamStyle | undefined)[] = [
  undefined,
  "simple",
  "label",
  "matrix",
  "form",
  "spaceDelimited",
  "pipeDelimited",
  "deepObject",
];
const scalars: unknown[] = ["a b/c?d#e&f=g", "", 42, -0.5, true, new Date(Date.UTC(2026, 0, 2))];
const others: unknown[] = [
  ["x", "y z"],
  [],
  { R: 100, "G&": "2 0", skip: null },
  { nested: { k: "v" } },
];

/** What the full serializer of the location gives (the pieces the request joins or sends). */
function reference(p: ParamSpec, v: unknown): string {
  if (p.in === "path") return pathValue(p, v);
  if (p.in === "header") return headerValue(p, v);
  return formPairs(p, v).join("&");
}

type Case = ParamSpec & Pick<ParameterModel, "scalar">;
const cases: Case[] = [];
for (const location of locations)
  for (const style of styles)
    for (const explode of [undefined, true, false])
      for (const allowReserved of [undefined, true])
        for (const json of [undefined, true])
          for (const scalar of [true, false])
            cases.push({
              name: "p n",
              in: location,
              ...(style !== undefined ? { style } : {}),
              ...(explode !== undefined ? { explode } : {}),
              ...(allowReserved !== undefined ? { allowReserved } : {}),
              ...(json !== undefined ? { json } : {}),
              scalar,
            });

describe("ParamSpec.serialize chosen by the generator", () => {
  it("gives the style serializers' text for every combination and every value the schema admits", () => {
    let defaulted = 0;
    for (const p of cases) {
      const name = paramSerializer(p);
      const serialize = name === undefined ? plain : SERIALIZERS[name];
      if (name === undefined) defaulted++;
      for (const v of p.scalar ? scalars : [...scalars, ...others]) {
        const pieces = serialize(p, v);
        const got = p.in === "path" || p.in === "header" ? pieces.join(",") : pieces.join("&");
        expect(got, `${JSON.stringify(p)} ${JSON.stringify(v)}`).toBe(reference(p, v));
      }
    }
    // Both kinds occur, so neither branch is vacuous.
    expect(defaulted).toBeGreaterThan(100);
    expect(cases.length - defaulted).toBeGreaterThan(400);
  });

  it.each<[Partial<Case>, string | undefined]>([
    [{ in: "path" }, undefined],
    [{ in: "path", style: "simple", explode: true }, undefined],
    [{ in: "path", scalar: false }, "pathStyles"],
    [{ in: "path", style: "label" }, "pathStyles"],
    [{ in: "path", style: "matrix", explode: true }, "pathStyles"],
    [{ in: "header", explode: true }, undefined],
    [{ in: "header", scalar: false }, "headerStyles"],
    [{ in: "header", json: true }, "headerStyles"],
    [{ in: "query", style: "form", explode: false }, undefined],
    [{ in: "query", style: "deepObject", explode: true }, undefined],
    [{ in: "query", scalar: false }, "queryStyles"],
    [{ in: "query", allowReserved: true }, "queryStyles"],
    [{ in: "cookie", allowReserved: true }, undefined],
    [{ in: "cookie", json: true }, "queryStyles"],
  ])("%j → %s", (p, expected) => {
    expect(paramSerializer({ in: "query", scalar: true, ...p })).toBe(expected);
  });

  it.each<[BodyEncoding, string]>([
    ["json", "jsonBody"],
    ["form", "mediaBody"],
    ["multipart", "mediaBody"],
    ["text", "mediaBody"],
    ["binary", "mediaBody"],
  ])("a %s body → %s", (encoding, expected) => {
    expect(bodyEncoder({ encoding })).toBe(expected);
  });

  it.each<[string[][], string | undefined]>([
    [[], undefined],
    [[["ApiKey"], ["Bearer"], []], undefined],
    [[["Key", "Signature"]], "rejectPartial"],
    [[["Bearer"], ["Key", "Signature"], []], "rejectPartial"],
  ])("security %j → partial: %s", (security, expected) => {
    expect(partialSecurity(security)).toBe(expected);
  });

  it.each<[string, string | undefined]>([
    ["GET", undefined],
    ["PUT", undefined],
    ["DELETE", undefined],
    ["QUERY", undefined],
    ["POST", "notSent"],
    ["PATCH", "notSent"],
  ])("%s → unsent: %s", (method, expected) => {
    expect(unsentCheck(method)).toBe(expected);
  });

  it.each<[string, string | undefined]>([
    ["GET", undefined],
    ["HEAD", undefined],
    ["POST", "redirectRule"],
    ["PUT", "redirectRule"],
    ["PATCH", "redirectRule"],
    ["DELETE", "redirectRule"],
    ["OPTIONS", "redirectRule"],
    ["QUERY", "redirectRule"],
  ])("%s → redirect: %s", (method, expected) => {
    expect(redirectChange(method)).toBe(expected);
  });
});
