/**
 * emit/client: `client.ts` (createClient for this API: servers, security schemes, rate-limit headers)
 * and `index.ts` (the public surface).
 */
import { StructureKind, VariableDeclarationKind } from "ts-morph";
import type { ApiModel, SecuritySchemeModel } from "../model/model.js";
import { pascalCase, safeIdentifier } from "../model/naming.js";
import { contextuallyTyped, docBlock, docLine, docPhrase, literal, objectKey } from "./docs.js";
import type { Statement } from "./print.js";
import { RATE_LIMIT_HEADER } from "../../templates/runtime/errors.js";

/** `Introw` → `IntrowClientConfig`. */
export function configTypeName(model: ApiModel): string {
  return safeIdentifier(`${pascalCase(model.name) || "Api"}ClientConfig`, "ClientConfig");
}

/** The runtime encoder of a scheme's Authorization header (none for an API key). */
function schemeEncoder(spec: SecuritySchemeModel["spec"]): "basicAuth" | "bearerAuth" | undefined {
  if (spec.type === "apiKey") return undefined;
  return spec.type === "http" && spec.scheme === "basic" ? "basicAuth" : "bearerAuth";
}

function schemeLiteral(s: SecuritySchemeModel): string {
  const spec = s.spec;
  if (spec.type === "apiKey")
    return `{ type: "apiKey", in: ${literal(spec.in)}, name: ${literal(spec.name)} }`;
  // Every other scheme names the encoder of its Authorization header, imported from the runtime only by
  // clients that have such a scheme.
  if (spec.type === "http")
    return `{ type: "http", scheme: ${literal(spec.scheme)}, encode: ${schemeEncoder(spec)} }`;
  return `{ type: ${literal(spec.type)}, encode: ${schemeEncoder(spec)} }`;
}

function schemeDoc(s: SecuritySchemeModel): string {
  const spec = s.spec;
  const how =
    spec.type === "apiKey"
      ? `sent as ${spec.in} \`${docLine(spec.name)}\``
      : spec.type === "http"
        ? spec.scheme === "bearer"
          ? "sent as `Authorization: Bearer <token>`"
          : "`{ username, password }`, sent as `Authorization: Basic`"
        : `${spec.type}: an access token you obtain, sent as \`Authorization: Bearer <token>\``;
  const block = docBlock(s.description);
  const description = block !== undefined ? `\n\n${block}` : "";
  return `Credential for security scheme \`${docLine(s.name)}\`: ${how}. A function is called for every attempt with the outgoing request (\`method\`, \`url\`, \`headers\`, \`body\`), after every parameter and constant credential is set (to rotate a token or sign the request).${description}`;
}

/** The `clientSpec` object literal of `client.ts`: servers, security schemes, rate-limit and request-id headers. */
export function clientSpecLiteral(model: ApiModel): string {
  const servers = model.servers.map((s) => {
    const vars = Object.entries(s.variables).map(
      ([k, v]) =>
        `${objectKey(k)}: { default: ${literal(v.default)}${v.enum !== undefined ? `, enum: [${v.enum.map(literal).join(", ")}]` : ""} }`,
    );
    return `{ name: ${literal(s.name)}, url: ${literal(s.url)}${vars.length > 0 ? `, variables: { ${vars.join(", ")} }` : ""} }`;
  });
  const schemes = model.securitySchemes.map(
    (s) =>
      `${objectKey(s.name)}: ${contextuallyTyped(s.name, schemeLiteral(s), "SecuritySchemeSpec")}`,
  );
  const lines = [`servers: [${servers.join(", ")}]`, `securitySchemes: { ${schemes.join(", ")} }`];
  // the runtime counts RateLimit-* and X-RateLimit-* headers without being told
  const rateLimit = model.rateLimitHeaders.filter((h) => !RATE_LIMIT_HEADER.test(h));
  if (rateLimit.length > 0) lines.push(`rateLimitHeaders: [${rateLimit.map(literal).join(", ")}]`);
  if (model.requestIdHeader !== undefined)
    lines.push(`requestIdHeader: ${literal(model.requestIdHeader)}`);
  return `{\n${lines.join(",\n")},\n}`;
}

/** Statements of `client.ts`. */
export function clientStatements(model: ApiModel): Statement[] {
  const configName = configTypeName(model);
  const hasBasic = model.securitySchemes.some(
    (s) => s.spec.type === "http" && s.spec.scheme === "basic",
  );
  const hasOther = model.securitySchemes.some(
    (s) => !(s.spec.type === "http" && s.spec.scheme === "basic"),
  );
  const encoders = [
    ...new Set(
      model.securitySchemes.map((s) => schemeEncoder(s.spec)).filter((e) => e !== undefined),
    ),
  ].sort();
  const imports = [
    "createClientCore",
    "type Client",
    "type ClientOptions",
    ...(hasOther ? ["type Credential"] : []),
    ...(hasBasic ? ["type BasicCredential"] : []),
  ];
  const serverDoc = model.servers
    .map(
      (s, i) =>
        `\`${s.name}\`${i === 0 ? " (default)" : ""}: ${docLine(s.url)}${docPhrase(s.description) !== undefined ? ` (${docLine(s.description!)})` : ""}`,
    )
    .join("; ");
  const properties = model.securitySchemes.map((s) => ({
    name: s.configKey,
    hasQuestionToken: true,
    type: s.spec.type === "http" && s.spec.scheme === "basic" ? "BasicCredential" : "Credential",
    docs: [{ description: schemeDoc(s) }],
  }));
  if (model.servers.length > 0) {
    properties.push({
      name: "server",
      hasQuestionToken: true,
      type: "ServerName",
      docs: [
        {
          description: `Server from the document's \`servers\`: ${serverDoc}. \`baseUrl\` overrides it.`,
        },
      ],
    });
  }
  const destructured = model.securitySchemes.map((s) => s.configKey);
  const auth = model.securitySchemes.map((s) => `${objectKey(s.name)}: ${s.configKey}`);
  const statements: Statement[] = [
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: "./runtime/client.js",
      namedImports: imports,
    },
    ...(encoders.length > 0
      ? [
          {
            kind: StructureKind.ImportDeclaration as const,
            moduleSpecifier: "./runtime/auth.js",
            namedImports: encoders,
          },
        ]
      : []),
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: "./runtime/types.js",
      namedImports: [
        "ClientSpec",
        ...(model.securitySchemes.some((s) => s.name in Object.prototype)
          ? ["SecuritySchemeSpec"]
          : []),
      ],
    },
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [
        { name: "clientSpec", type: "ClientSpec", initializer: clientSpecLiteral(model) },
      ],
    },
  ];
  if (model.servers.length > 0) {
    statements.push({
      kind: StructureKind.TypeAlias,
      name: "ServerName",
      isExported: true,
      type: model.servers.map((s) => literal(s.name)).join(" | "),
      docs: [{ description: "Names of the servers in the document's `servers`." }],
    });
  }
  statements.push({
    kind: StructureKind.Interface,
    name: configName,
    isExported: true,
    extends: [`Omit<ClientOptions, "server" | "auth">`],
    properties,
    docs: [
      {
        description: `Configuration of \`createClient\` for ${docLine(model.title)}. Runtime options (\`baseUrl\`, \`fetch\`, \`headers\`, \`maxRetries\`, \`timeoutMs\` in ms, hooks, \`logger\`) are documented on \`ClientOptions\`.`,
      },
    ],
  });
  const rest =
    destructured.length > 0
      ? `const { ${destructured.join(", ")}, ...options } = config;`
      : "const options = config;";
  statements.push({
    kind: StructureKind.Function,
    name: "createClient",
    isExported: true,
    parameters: [{ name: "config", type: configName, initializer: "{}" }],
    returnType: "Client",
    docs: [
      {
        description: `Creates a client for ${docLine(model.title)} ${docLine(model.version)}. Pass it as the first argument of every operation.\n\n@param config - Credentials, server and runtime options; see \`${configName}\`.\n@returns A \`Client\`: an immutable value holding the configuration.\n@throws {Error} When \`baseUrl\` is not an http(s) URL or \`server\` names no server.`,
      },
    ],
    statements: [
      rest,
      `return createClientCore(clientSpec, { ...options, auth: { ${auth.join(", ")} } });`,
    ],
  });
  return statements;
}

/** Statements of `index.ts`: the client, every operation and type, the runtime's public API. */
export function indexStatements(model: ApiModel): Statement[] {
  return [
    `export { createClient${model.servers.length > 0 ? ", type ServerName" : ""}, type ${configTypeName(model)} } from "./client.js";`,
    `export * from "./operations.js";`,
    `export * from "./types.js";`,
    `export * from "./runtime/index.js";`,
  ];
}
