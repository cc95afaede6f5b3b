/**
 * normalize: renames and repairs are deterministic and each one is reported as a warning with its location.
 */
import { describe, expect, it } from "vitest";
import type { ApiModel } from "../../generator/model/model.js";
import { normalize } from "../../generator/model/normalize.js";
import { validate } from "../../generator/validate/validate.js";

const ok = { "204": { description: "ok" } };

function model(doc: Record<string, unknown>): ApiModel {
  const result = validate({ openapi: "3.1.0", info: { title: "T", version: "1" }, ...doc });
  if (result.document === undefined) throw new Error(JSON.stringify(result.issues));
  return normalize(result.document, { input: "x.yaml", output: "out", name: "T" });
}

function warnings(m: ApiModel, code: string): { pointer: string; message: string }[] {
  return m.issues
    .filter((i) => i.code === code)
    .map((i) => ({ pointer: i.pointer, message: i.message }));
}

describe("operation names", () => {
  const doc = {
    paths: {
      "/a": { get: { operationId: "get_user", responses: ok } },
      "/b": { get: { operationId: "getUser", responses: ok } },
      "/c": { post: { operationId: "delete", responses: ok } },
      "/d": { get: { operationId: "2faVerify", responses: ok } },
      "/e": { get: { operationId: "获取", responses: ok } },
      "/f/{id}": {
        get: {
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: ok,
        },
      },
    },
  };

  it("assigns every name in document order and reports each rename with the reason", () => {
    const m = model(doc);
    expect(m.operations.map((o) => o.name)).toEqual([
      "getUser",
      "getUser2",
      "delete_",
      "_2faVerify",
      "getE",
      "getFById",
    ]);
    expect(m.operations.map((o) => o.typeName)).toEqual([
      "GetUser",
      "GetUser2",
      "Delete",
      "_2faVerify",
      "GetE",
      "GetFById",
    ]);
    expect(warnings(m, "renamed-operation")).toEqual([
      {
        pointer: "/paths/~1b/get",
        message: "operationId 'getUser' is generated as 'getUser2': 'getUser' is already taken.",
      },
      {
        pointer: "/paths/~1c/post",
        message:
          "operationId 'delete' is generated as 'delete_': 'delete' is a reserved word or a built-in name.",
      },
      {
        pointer: "/paths/~1d/get",
        message:
          "operationId '2faVerify' is generated as '_2faVerify': an identifier cannot start with a digit.",
      },
      {
        pointer: "/paths/~1e/get",
        message:
          "operationId '获取' is generated as 'getE': the name has no letters or digits usable in an identifier.",
      },
    ]);
  });

  it("is deterministic: the same document gives the same model", () => {
    expect(model(doc)).toEqual(model(doc));
  });

  it("sets every operationId in the types document to the generated name", () => {
    const paths = model(doc).typesDocument["paths"] as Record<
      string,
      Record<string, { operationId: string }>
    >;
    expect(paths["/c"]!["post"]!.operationId).toBe("delete_");
    expect(paths["/f/{id}"]!["get"]!.operationId).toBe("getFById");
  });

  it("gives a duplicate operationId a derived name (validate warns, normalize names)", () => {
    const m = model({
      paths: {
        "/x": { get: { operationId: "op", responses: ok } },
        "/y": { get: { operationId: "op", responses: ok } },
      },
    });
    expect(m.operations.map((o) => o.name)).toEqual(["op", "getY"]);
    expect(
      validate({
        openapi: "3.1.0",
        info: { title: "T", version: "1" },
        paths: {
          "/x": { get: { operationId: "op", responses: ok } },
          "/y": { get: { operationId: "op", responses: ok } },
        },
      }).issues.map((i) => i.code),
    ).toEqual(["duplicate-operation-id"]);
  });
});

describe("parameter keys", () => {
  it("keeps names, prefixes a clash with the location and reports it", () => {
    const m = model({
      paths: {
        "/items/{id}": {
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          put: {
            operationId: "updateItem",
            parameters: [
              { name: "body", in: "query", schema: { type: "string" } },
              { name: "name", in: "query", schema: { type: "string" } },
              { name: "name", in: "header", schema: { type: "string" } },
            ],
            requestBody: {
              content: {
                "application/json": {
                  schema: { type: "object", properties: { id: { type: "string" } } },
                },
              },
            },
            responses: ok,
          },
        },
      },
    });
    const params = m.operations[0]!.parameters.map((p) => [p.in, p.name, p.key]);
    expect(params).toEqual([
      ["path", "id", "id"],
      ["query", "body", "queryBody"],
      ["query", "name", "name"],
      ["header", "name", "headerName"],
    ]);
    expect(warnings(m, "renamed-parameter").map((w) => w.message)).toEqual([
      "query parameter 'body' is passed as 'queryBody': 'body' carries the request body.",
      "header parameter 'name' is passed as 'headerName': another parameter is named 'name'.",
    ]);
  });

  it("renames a parameter named __proto__, which an object literal cannot carry", () => {
    const m = model({
      paths: {
        "/p": {
          get: {
            operationId: "p",
            parameters: [{ name: "__proto__", in: "query", schema: { type: "string" } }],
            responses: ok,
          },
        },
      },
    });
    expect(m.operations[0]!.parameters.map((p) => [p.name, p.key])).toEqual([
      ["__proto__", "queryProto"],
    ]);
    expect(warnings(m, "renamed-parameter").map((w) => w.message)).toEqual([
      "query parameter '__proto__' is passed as 'queryProto': '__proto__' in an object literal sets the prototype instead of a property.",
    ]);
  });

  it("keeps a parameter named body when the operation has no requestBody", () => {
    const m = model({
      paths: {
        "/s": {
          get: {
            operationId: "s",
            parameters: [{ name: "body", in: "query", schema: { type: "string" } }],
            responses: ok,
          },
        },
      },
    });
    expect(m.operations[0]!.parameters[0]!.key).toBe("body");
    expect(warnings(m, "renamed-parameter")).toEqual([]);
  });

  it("types a content-described parameter by its media type's schema", () => {
    const m = model({
      paths: {
        "/q": {
          get: {
            operationId: "q",
            parameters: [
              {
                name: "where",
                in: "query",
                content: { "application/json": { schema: { type: "object" } } },
              },
            ],
            responses: ok,
          },
        },
      },
    });
    expect(m.operations[0]!.parameters[0]!.json).toBe(true);
    const op = (
      m.typesDocument["paths"] as Record<
        string,
        Record<string, { parameters: { schema?: unknown }[] }>
      >
    )["/q"]!["get"]!;
    expect(op.parameters[0]!.schema).toEqual({ type: "object" });
  });
});

describe("schema aliases", () => {
  it("PascalCases component names and reports collisions, reserved and digit-led names", () => {
    const m = model({
      paths: {},
      components: {
        schemas: {
          "user-profile": { type: "object" },
          UserProfile: { type: "object" },
          "1st": { type: "string" },
          Error: { type: "object" },
        },
      },
    });
    expect(m.schemaAliases.map((a) => [a.name, a.target])).toEqual([
      ["UserProfile", 'components["schemas"]["user-profile"]'],
      ["UserProfile2", 'components["schemas"]["UserProfile"]'],
      ["_1st", 'components["schemas"]["1st"]'],
      ["Error_", 'components["schemas"]["Error"]'],
    ]);
    expect(warnings(m, "renamed-schema").map((w) => w.pointer)).toEqual([
      "/components/schemas/UserProfile",
      "/components/schemas/1st",
      "/components/schemas/Error",
    ]);
  });

  it("hoists $defs of a component to components of their own and rewrites the $refs into them", () => {
    const m = model({
      paths: {},
      components: {
        schemas: {
          Shape: {
            type: "object",
            properties: {
              origin: { $ref: "#/components/schemas/Shape/$defs/Point" },
              x: { $ref: "#/components/schemas/Shape/$defs/Point/properties/x" },
            },
            $defs: { Point: { type: "object", properties: { x: { type: "number" } } } },
          },
        },
      },
    });
    const schemas = (
      m.typesDocument["components"] as { schemas: Record<string, Record<string, unknown>> }
    ).schemas;
    expect(Object.keys(schemas)).toEqual(["Shape", "Shape.Point"]);
    expect(schemas["Shape"]!["$defs"]).toBeUndefined();
    expect(schemas["Shape"]!["properties"]).toEqual({
      origin: { $ref: "#/components/schemas/Shape.Point" },
      x: { $ref: "#/components/schemas/Shape.Point/properties/x" },
    });
    expect(m.schemaAliases.map((a) => a.name)).toEqual(["Shape", "ShapePoint"]);
    expect(warnings(m, "hoisted-defs")).toHaveLength(1);
  });
});

describe("OpenAPI 3.2 and partial support", () => {
  it("types a query operation through webhooks and reports it", () => {
    const m = model({
      openapi: "3.2.0",
      paths: { "/search": { query: { operationId: "search", responses: ok } } },
    });
    expect(m.operations.map((o) => [o.name, o.method])).toEqual([["search", "QUERY"]]);
    expect((m.typesDocument["webhooks"] as Record<string, unknown>)["QUERY /search"]).toMatchObject(
      { post: { operationId: "search", responses: ok } },
    );
    expect(
      (m.typesDocument["paths"] as Record<string, Record<string, unknown>>)["/search"]!["query"],
    ).toBeUndefined();
    expect(warnings(m, "query-method")).toHaveLength(1);
  });

  it("reports itemSchema media types and servers it does not use", () => {
    const m = model({
      paths: {
        "/events": {
          servers: [{ url: "https://events.example.com" }],
          get: {
            operationId: "events",
            servers: [{ url: "https://stream.example.com" }],
            responses: {
              "200": {
                description: "stream",
                content: { "application/xml": { itemSchema: { type: "object" } } },
              },
            },
          },
        },
      },
    });
    expect(m.issues.map((i) => [i.code, i.pointer])).toEqual([
      ["path-servers-ignored", "/paths/~1events/servers"],
      ["operation-servers-ignored", "/paths/~1events/get/servers"],
      ["item-schema", "/paths/~1events/get/responses/200/content/application~1xml"],
    ]);
  });
});

describe("readOnly / writeOnly", () => {
  it.each([
    [{ type: "object", properties: { id: { type: "string", readOnly: true } } }, true],
    [{ type: "object", properties: { secret: { type: "string", writeOnly: true } } }, true],
    [
      { type: "object", properties: { id: { type: "string" } }, example: { readOnly: true } },
      false,
    ],
    [{ type: "object", properties: { id: { type: "string", readOnly: false } } }, false],
  ])("%j → readWriteMarkers %j", (schema, expected) => {
    expect(model({ paths: {}, components: { schemas: { S: schema } } }).readWriteMarkers).toBe(
      expected,
    );
  });
});

describe("security scheme credentials", () => {
  it("names each credential by kind, by scheme name when a kind repeats, and reports a taken name", () => {
    const m = model({
      paths: {},
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          fetch: { type: "apiKey", in: "header", name: "X-A" },
          other: { type: "apiKey", in: "query", name: "b" },
          digest: { type: "http", scheme: "digest" },
        },
      },
    });
    expect(m.securitySchemes.map((s) => [s.name, s.configKey])).toEqual([
      ["bearer", "bearerToken"],
      ["fetch", "fetch2"],
      ["other", "other"],
    ]);
    expect(m.issues.map((i) => [i.code, i.pointer])).toEqual([
      ["unsupported-security-scheme", "/components/securitySchemes/digest"],
      ["renamed-credential", "/components/securitySchemes/fetch"],
    ]);
  });
});

describe("defaultServer (target option)", () => {
  const doc = {
    servers: [{ url: "https://api.example.com" }, { url: "https://api.staging.example.com" }],
    paths: { "/a": { get: { operationId: "getA", responses: ok } } },
  };
  const build = (defaultServer?: string): ApiModel => {
    const result = validate({ openapi: "3.1.0", info: { title: "T", version: "1" }, ...doc });
    return normalize(result.document!, {
      input: "x.yaml",
      output: "out",
      name: "T",
      ...(defaultServer !== undefined ? { defaultServer } : {}),
    });
  };

  it("puts the named server first (the one createClient uses) without renaming any server", () => {
    expect(build().servers.map((s) => s.name)).toEqual(["production", "staging"]);
    expect(build("staging").servers.map((s) => s.name)).toEqual(["staging", "production"]);
    expect(build("staging").servers[0]!.url).toBe("https://api.staging.example.com");
  });

  it("is an error naming the known servers when the name matches none", () => {
    const m = build("qa");
    expect(m.issues.filter((i) => i.severity === "error")).toEqual([
      expect.objectContaining({
        code: "unknown-default-server",
        message: expect.stringContaining("'production', 'staging'"),
      }),
    ]);
  });
});

describe("non-string values where the document expects text", () => {
  it("a server variable's default and an http scheme are written as JSON, never [object Object]", () => {
    const m = model({
      servers: [
        {
          url: "https://{host}:{port}",
          variables: { host: { default: { a: 1 } }, port: { default: 8443 } },
        },
      ],
      paths: {},
      components: { securitySchemes: { s: { type: "http", scheme: { a: 1 } } } },
    });
    expect(m.servers[0]!.variables).toEqual({
      host: { default: '{"a":1}' },
      port: { default: "8443" },
    });
    expect(warnings(m, "unsupported-security-scheme")[0]!.message).toContain('(http {"a":1})');
  });
});
