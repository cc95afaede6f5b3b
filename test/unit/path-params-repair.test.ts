/**
 * validate/repair.ts: path parameters are matched to the path template through `$ref`s, chains of them included
 * (a parameter component that is itself a `$ref` to another), so a declared parameter is not reported missing.
 */
import { describe, expect, it } from "vitest";
import { validate } from "../../generator/validate/validate.js";

const ID = { name: "id", in: "path", required: true, schema: { type: "string" } };

const doc = (parameters: Record<string, unknown>) => ({
  openapi: "3.1.0",
  info: { title: "T", version: "1" },
  paths: {
    "/things/{id}": {
      get: {
        operationId: "getThing",
        parameters: [{ $ref: "#/components/parameters/ThingId" }],
        responses: { "204": { description: "none" } },
      },
    },
  },
  components: { parameters },
});

describe("path parameter repair", () => {
  it("finds a path parameter declared through one $ref", () => {
    const { issues } = validate(doc({ ThingId: ID }));
    expect(issues.map((i) => i.code)).toEqual([]);
  });

  it("finds a path parameter declared through a chain of $refs, and keeps the reference", () => {
    const { document, issues } = validate(
      doc({ ThingId: { $ref: "#/components/parameters/Id" }, Id: ID }),
    );
    expect(issues.map((i) => i.code)).toEqual([]);
    const get = (document!.paths["/things/{id}"] as { get: { parameters: unknown[] } }).get;
    expect(get.parameters).toEqual([{ $ref: "#/components/parameters/ThingId" }]);
  });
});
