/**
 * Header parameters whose names differ only in case (`X-Trace`, `x-trace`): OpenAPI keeps both, HTTP sends one.
 * validate warns, naming both and the one sent; the runtime, given both, really sends that one.
 */
import { describe, expect, it } from "vitest";
import { normalize } from "../../generator/model/normalize.js";
import { validate } from "../../generator/validate/validate.js";
import type { OperationSpec } from "../../templates/runtime/types.js";
import { runOnce } from "../runtime/specs.js";

const header = (name: string): Record<string, unknown> => ({
  name,
  in: "header",
  schema: { type: "string" },
});

/** `/things` with `X-Trace` on the path item and `x-trace` on both operations (`get` also has `X-TRACE`). */
const DOC = {
  openapi: "3.1.0",
  info: { title: "T", version: "1" },
  paths: {
    "/things": {
      parameters: [header("X-Trace")],
      get: {
        operationId: "listThings",
        parameters: [header("x-trace"), { $ref: "#/components/parameters/Loud" }],
        responses: { "200": { description: "ok" } },
      },
      post: {
        operationId: "addThing",
        parameters: [header("x-trace"), header("X-Other")],
        responses: { "204": { description: "none" } },
      },
    },
    "/same": {
      parameters: [header("X-Trace")],
      get: {
        operationId: "sameCase",
        parameters: [header("X-Trace")],
        responses: { "204": { description: "none" } },
      },
    },
  },
  components: { parameters: { Loud: header("X-TRACE") } },
};

describe("header parameters differing only in case", () => {
  const result = validate(DOC);
  const clashes = result.issues.filter((i) => i.code === "header-case-clash");

  it("warn once per operation, at the one sent, naming all of them", () => {
    expect(clashes.map((i) => [i.severity, i.pointer, i.message])).toEqual([
      [
        "warning",
        "/paths/~1things/get/parameters/1",
        "header parameters 'X-Trace', 'x-trace' and 'X-TRACE' differ only in case; HTTP header names are case-insensitive, so the request carries one 'x-trace' header, with the value of 'X-TRACE' when several are given. Remove or rename all but one of them.",
      ],
      [
        "warning",
        "/paths/~1things/post/parameters/0",
        "header parameters 'X-Trace' and 'x-trace' differ only in case; HTTP header names are case-insensitive, so the request carries one 'x-trace' header, with the value of 'x-trace' when both are given. Remove or rename all but one of them.",
      ],
    ]);
  });

  it("the warning names the value the client really sends", async () => {
    expect(clashes).toHaveLength(2);
    const model = normalize(result.document!, { input: "spec.json", output: "out", name: "T" });
    for (const clash of clashes) {
      const operation = model.operations.find((o) => clash.pointer.startsWith(o.pointer))!;
      const op: OperationSpec = {
        id: operation.name,
        method: "GET",
        path: "/things",
        params: operation.parameters.map((p) => ({ name: p.name, in: p.in, key: p.key })),
        response: "json",
        security: [],
      };
      const values = Object.fromEntries(operation.parameters.map((p) => [p.key, `from ${p.name}`]));
      const { promise, calls } = runOnce(op, values);
      await promise;
      const sent = /the value of '([^']+)'/.exec(clash.message)?.[1];
      expect(calls[0]!.headers["x-trace"]).toBe(`from ${sent}`);
    }
  });
});
