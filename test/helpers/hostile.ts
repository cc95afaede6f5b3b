/**
 * Hostile specs for the injection tests: strings that try to close comments, strings and template literals,
 * break lines (U+2028/U+2029 too), smuggle NUL and escapes, or be JavaScript keywords — and an OpenAPI document
 * that puts them everywhere a spec string reaches the output. Every payload assigns a canary global, so code that
 * escapes into the module is caught when the module is imported.
 */
import fc from "fast-check";

/** The global every payload tries to overwrite. */
export const CANARY = "__hostileCanary";
const PWN = `globalThis.${CANARY}="pwned"`;

/** Fragments that each try to turn data into code in one kind of context. */
export const FRAGMENTS: readonly string[] = [
  "*/",
  "/*",
  "/**",
  "`",
  "${",
  "}",
  "'",
  '"',
  "\\",
  "\\\\",
  "\n",
  "\r\n",
  "\r",
  "\u2028",
  "\u2029",
  "</script>",
  "<!--",
  "-->",
  "\u0000",
  "\\u0000",
  "\\u0041",
  "\\x41",
  "\\n",
  "\\'",
  '\\"',
  "\uFEFF",
  "\u200B",
  "@param x",
  "@deprecated",
  "`${",
  "${1}",
  "#{",
  "{{",
  "}}",
  "//",
  "@",
  "é",
  "😀",
  "\ud83d",
  "\ude00",
  `*/${PWN};/*`,
  `";${PWN};"`,
  `';${PWN};'`,
  `\`;${PWN};\``,
  `\${${PWN}}`,
  `\n${PWN}\n`,
  `\u2028${PWN}\u2029`,
  `"]; ${PWN}; //`,
  `*/ } ${PWN}; { /*`,
  `</script><script>${PWN}</script>`,
  `\\"; ${PWN}; //`,
  "constructor",
  "__proto__",
  "prototype",
  "toString",
  "hasOwnProperty",
  "class",
  "function",
  "await",
  "yield",
  "delete",
  "import",
  "export",
  "default",
  "enum",
  "let",
  "static",
  "this",
  "new",
  "null",
  "undefined",
  "NaN",
  "eval",
  "arguments",
  "globalThis",
  "Object",
  "Promise",
  "then",
  "async",
  "get",
  "set",
  "body",
  "client",
  "params",
  "options",
  "request",
  "operations",
  "components",
  "paths",
  "ApiError",
  "createClient",
  "0",
  "1e3",
  "-1",
  " ",
];

/** A string built from hostile fragments and a little arbitrary text. */
export const hostileString: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { arbitrary: fc.constantFrom(...FRAGMENTS), weight: 4 },
      { arbitrary: fc.string({ maxLength: 4 }), weight: 1 },
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((parts) => parts.join(""));

/**
 * Names (keys, parameter names, media types): a `%` in a name is refused with a clear error (`percent-in-name`,
 * see test/unit/bad-input.test.ts: openapi-typescript cannot type it), so names here have none.
 */
const hostileName = hostileString.map((s) => s.replace(/%/g, "") || "name");

/** Path-template parameter names cannot hold `{`, `}`, `/`, `?` or `#` (they would change the template itself). */
const pathName = hostileName.map((s) => s.replace(/[{}/?#]/g, "") || "id");
/** Component names are `$ref` targets: `%` and `#` would be read as URI syntax. */
const componentName = hostileName.map((s) => s.replace(/#/g, "") || "Thing");
/** Media types keep a `type/subtype` shape so the generator treats them as such. */
const mediaType = fc
  .tuple(fc.constantFrom("application", "text", "x-vendor"), hostileName)
  .map(([type, rest]) => `${type}/${rest}`);

export interface HostileInput {
  readonly title: string;
  readonly version: string;
  readonly description: string;
  readonly serverUrl: string;
  readonly serverDescription: string;
  readonly tag: string;
  readonly operationId: string;
  readonly summary: string;
  readonly pathParam: string;
  readonly queryParam: string;
  readonly headerParam: string;
  readonly enumValues: readonly string[];
  readonly defaultValue: string;
  readonly example: string;
  readonly propName: string;
  readonly schemaName: string;
  readonly requestMediaType: string;
  readonly responseMediaType: string;
  readonly schemeName: string;
  readonly apiKeyHeader: string;
  readonly serverVariable: string;
  readonly responseHeader: string;
  readonly cookieParam: string;
}

export const hostileInput: fc.Arbitrary<HostileInput> = fc.record({
  title: hostileString,
  version: hostileString,
  description: hostileString,
  serverUrl: fc.oneof(
    hostileString,
    hostileString.map((s) => `https://${s}`),
  ),
  serverDescription: hostileString,
  tag: hostileString,
  operationId: hostileString,
  summary: hostileString,
  pathParam: pathName,
  queryParam: hostileName,
  headerParam: hostileName,
  enumValues: fc.uniqueArray(hostileString, { minLength: 1, maxLength: 3 }),
  defaultValue: hostileString,
  example: hostileString,
  propName: hostileName,
  schemaName: componentName,
  requestMediaType: mediaType,
  responseMediaType: mediaType,
  schemeName: hostileName,
  apiKeyHeader: hostileName,
  serverVariable: hostileName,
  responseHeader: fc.oneof(
    hostileName,
    hostileName.map((s) => `x-ratelimit-${s}`),
  ),
  cookieParam: hostileName,
});

const token = (s: string): string => s.replace(/~/g, "~0").replace(/\//g, "~1");

/** The OpenAPI 3.1 document carrying `h` in every place a spec string reaches the generated client. */
export function hostileSpec(h: HostileInput): Record<string, unknown> {
  const ref = { $ref: `#/components/schemas/${token(h.schemaName)}` };
  return {
    openapi: "3.1.0",
    info: { title: h.title, version: h.version, description: h.description },
    servers: [
      { url: h.serverUrl, description: h.serverDescription },
      {
        url: `https://{${h.pathParam}}.example.test/${h.serverUrl}`,
        description: h.title,
        variables: {
          [h.pathParam]: { default: h.defaultValue, enum: [h.defaultValue, ...h.enumValues] },
          [h.serverVariable]: { default: h.example },
        },
      },
    ],
    tags: [{ name: h.tag, description: h.description }],
    security: [{ [h.schemeName]: [] }],
    paths: {
      [`/items/{${h.pathParam}}`]: {
        post: {
          operationId: h.operationId,
          summary: h.summary,
          description: h.description,
          tags: [h.tag],
          parameters: [
            {
              name: h.pathParam,
              in: "path",
              required: true,
              description: h.description,
              schema: { type: "string" },
            },
            {
              name: h.queryParam,
              in: "query",
              description: h.summary,
              example: h.example,
              schema: { type: "string", enum: h.enumValues, default: h.enumValues[0] },
            },
            {
              name: h.headerParam,
              in: "header",
              schema: { type: "string", default: h.defaultValue, examples: [h.example] },
            },
            { name: h.cookieParam, in: "cookie", schema: { type: "string" } },
          ],
          requestBody: {
            description: h.description,
            content: {
              [h.requestMediaType]: { schema: ref, example: { [h.propName]: h.example } },
            },
          },
          responses: {
            "200": {
              description: h.summary,
              headers: {
                [h.responseHeader]: { description: h.description, schema: { type: "string" } },
              },
              content: { [h.responseMediaType]: { schema: ref } },
            },
            "404": {
              description: h.description,
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: { [h.propName]: { type: "string", description: h.summary } },
                  },
                },
              },
            },
          },
        },
      },
      "/ping": {
        get: {
          operationId: `${h.operationId} ping`,
          summary: h.title,
          responses: { "204": { description: h.description } },
        },
      },
    },
    components: {
      schemas: {
        [h.schemaName]: {
          type: "object",
          title: h.title,
          description: h.description,
          required: [h.propName],
          properties: {
            [h.propName]: {
              type: "string",
              description: h.description,
              default: h.defaultValue,
              example: h.example,
              enum: h.enumValues,
              pattern: "^[a-z]*$",
            },
            [`${h.propName}2`]: {
              type: "array",
              items: { type: "string", const: h.defaultValue },
              examples: [[h.example]],
            },
          },
          example: { [h.propName]: h.example },
        },
      },
      securitySchemes: {
        [h.schemeName]: {
          type: "apiKey",
          in: "header",
          name: h.apiKeyHeader,
          description: h.description,
        },
      },
    },
  };
}

/** The strings that must appear, unchanged, as string-literal values in the generated TypeScript. */
export function expectedLiterals(h: HostileInput): string[] {
  return [
    h.pathParam,
    h.queryParam,
    h.headerParam,
    h.cookieParam,
    h.serverUrl,
    h.requestMediaType,
    ...h.enumValues,
    h.schemeName,
    h.apiKeyHeader,
    `/items/{${h.pathParam}}`,
    h.serverVariable,
    h.example,
  ];
}
