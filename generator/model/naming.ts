/**
 * The naming contract: every identifier the generator emits comes from here.
 *
 * Names are public API of the generated client, so each rule is deterministic, tested
 * table-style (test/unit/naming.test.ts) and reported when it renames something.
 */

/** ECMAScript reserved words and strict-mode/contextual words that cannot be binding names. */
const RESERVED = new Set([
  "arguments",
  "await",
  "break",
  "case",
  "catch",
  "class",
  "const",
  "continue",
  "debugger",
  "default",
  "delete",
  "do",
  "else",
  "enum",
  "eval",
  "export",
  "extends",
  "false",
  "finally",
  "for",
  "function",
  "if",
  "implements",
  "import",
  "in",
  "instanceof",
  "interface",
  "let",
  "new",
  "null",
  "package",
  "private",
  "protected",
  "public",
  "return",
  "static",
  "super",
  "switch",
  "this",
  "throw",
  "true",
  "try",
  "typeof",
  "var",
  "void",
  "while",
  "with",
  "yield",
  // Type names and globals a generated module must not shadow.
  "any",
  "boolean",
  "never",
  "number",
  "object",
  "string",
  "symbol",
  "unknown",
  "undefined",
  "bigint",
  "Array",
  "Blob",
  "Date",
  "Error",
  "File",
  "FormData",
  "Headers",
  "Map",
  "Object",
  "Promise",
  "Record",
  "Request",
  "Response",
  "Set",
  "String",
  "Symbol",
  "URL",
  "JSON",
  "Math",
  "Number",
  "Boolean",
  // Object.prototype members: assigning them as names breaks plain-object lookups.
  "__proto__",
  "constructor",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
  "toString",
  "valueOf",
  "prototype",
  // An export named `then` makes the module namespace a thenable: `await import("./client/index.js")` would call it.
  "then",
]);

/** Names the generated modules declare themselves; operations and aliases must not take them. */
export const GENERATED_RESERVED = new Set([
  // Declared by the generated client.ts / operations.ts / types.ts.
  "createClient",
  "client",
  "params",
  "options",
  "clientSpec",
  "ServerName",
  "components",
  "paths",
  "operations",
  "webhooks",
  "$defs",
  // Declared by the generated mock.ts.
  "createMockFetch",
  "MockOperations",
  // Types openapi-typescript's output and operations.ts refer to by name (helpers and TypeScript utility types):
  // an alias of the same name would shadow them inside the generated module.
  "Readable",
  "Writable",
  "$Read",
  "$Write",
  "WithRequired",
  "Omit",
  "Extract",
  "ReadonlyArray",
  "NonNullable",
  // Exported by templates/runtime/index.ts (test/unit/naming-reserved.test.ts keeps this list complete).
  "createClientCore",
  "withOptions",
  "BasicAuth",
  "BasicCredential",
  "Client",
  "ClientOptions",
  "Clock",
  "Credential",
  "Logger",
  "LogLevel",
  "request",
  "realClock",
  "ApiPromise",
  "ApiResponse",
  "ApiResult",
  "RequestOptions",
  "paginate",
  "PaginationError",
  "PagePromise",
  "PaginationOptions",
  "ApiError",
  "AuthenticationError",
  "BadRequestError",
  "ConflictError",
  "InternalServerError",
  "NotFoundError",
  "PermissionDeniedError",
  "RateLimitError",
  "UnprocessableEntityError",
  "ApiConnectionError",
  "ApiTimeoutError",
  "makeApiError",
  "ApiErrorInit",
  "HeaderMap",
  "RateLimitInfo",
  "RETRY_STATUSES",
  "backoffMs",
  "isIdempotent",
  "serverDelayMs",
  "shouldRetry",
  "HttpMethod",
  "ParamLocation",
  "ParamStyle",
  "ParamSpec",
  "BodyEncoding",
  "BodySpec",
  "ResponseKind",
  "PaginationSpec",
  "OperationSpec",
  "SecuritySchemeSpec",
  "ServerSpec",
  "ClientSpec",
  "OutgoingRequest",
  "ApiRedirectError",
  "ApiResponseTooLargeError",
  "CursorPagination",
  "PageNumberPagination",
  "OffsetPagination",
  "LinkHeaderPagination",
  "NextUrlPagination",
]);

/** Splits any text into words: camelCase humps, digits and separators all break words. */
export function words(text: string): string[] {
  const normalized = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2");
  return normalized.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `list_payouts`, `List-Payouts`, `listPayouts` → `listPayouts`; a leading acronym is lower-cased whole (`HTTPError` → `httpError`). Empty input gives `""`. */
export function camelCase(text: string): string {
  const parts = words(text);
  const first = (w: string): string =>
    /^[A-Z0-9]+$/.test(w) ? w.toLowerCase() : w.charAt(0).toLowerCase() + w.slice(1);
  return parts.map((w, i) => (i === 0 ? first(w) : capitalize(w))).join("");
}

/** `list_payouts` → `ListPayouts`. */
export function pascalCase(text: string): string {
  return words(text).map(capitalize).join("");
}

/** True when `name` can be used as a binding (variable, function, type) name as it is. */
export function isValidIdentifier(name: string): boolean {
  return (
    /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && !RESERVED.has(name) && !GENERATED_RESERVED.has(name)
  );
}

/** True when `name` can be written unquoted as a property key. */
export function isPropertyIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && name !== "__proto__";
}

/** Makes a camelCase or PascalCase candidate a valid identifier: leading digits get `_`, reserved words get `_` appended. */
export function safeIdentifier(candidate: string, fallback: string): string {
  let name = candidate.length > 0 ? candidate : fallback;
  if (/^[0-9]/.test(name)) name = `_${name}`;
  if (RESERVED.has(name) || GENERATED_RESERVED.has(name)) name = `${name}_`;
  return name;
}

/** The function name for an operation: camelCase operationId, or method + path when there is none. */
export function operationName(
  operationId: string | undefined,
  method: string,
  path: string,
): string {
  if (operationId !== undefined && camelCase(operationId).length > 0) {
    return safeIdentifier(camelCase(operationId), "operation");
  }
  const segments = path
    .split("/")
    .filter((s) => s.length > 0)
    .map((s) => (s.startsWith("{") && s.endsWith("}") ? `by ${s.slice(1, -1)}` : s));
  return safeIdentifier(
    camelCase(`${method.toLowerCase()} ${segments.join(" ")}`),
    method.toLowerCase(),
  );
}

/** PascalCase stem for an operation's type aliases: `getPayout` → `GetPayout`, `_2faVerify` → `_2faVerify`. */
export function operationTypeStem(functionName: string): string {
  return safeIdentifier(pascalCase(functionName), "Operation");
}

/** The type alias name for a component schema key: `user-profile` → `UserProfile`, `1stPlace` → `_1stPlace`. */
export function schemaAliasName(key: string): string {
  return safeIdentifier(pascalCase(key), "Schema");
}

/**
 * Why `final` differs from `natural` (the plain camelCase/PascalCase of the document's name), for the rename
 * warning; undefined when there was no rename.
 */
export function renameReason(natural: string, final: string): string | undefined {
  if (final === natural) return undefined;
  if (natural.length === 0) return "the name has no letters or digits usable in an identifier";
  const safe = safeIdentifier(natural, natural);
  if (final !== safe) return `'${safe}' is already taken`;
  if (/^[0-9]/.test(natural)) return "an identifier cannot start with a digit";
  if (GENERATED_RESERVED.has(natural))
    return `'${natural}' is a name the generated code declares or refers to`;
  return `'${natural}' is a reserved word or a built-in name`;
}

/** A `SCREAMING_SNAKE` or any enum value as a camelCase prefix for its values array: `payoutStageValues`. */
export function valuesConstName(typeName: string): string {
  return safeIdentifier(`${camelCase(typeName)}Values`, "values");
}

/**
 * Resolves collisions in a list of wanted names, in the given order: the first keeps its name,
 * later ones get `2`, `3`, … appended. Returns the final names, aligned with the input.
 */
export function dedupe(
  wanted: readonly string[],
  taken: ReadonlySet<string> = new Set(),
): string[] {
  const used = new Set(taken);
  return wanted.map((name) => claim(name, used));
}

/**
 * The first of `name`, `name2`, `name3`, … not in `used`; adds it to `used`. The incremental form of `dedupe`
 * for callers that name things one at a time against a growing set (no copy of the set per name).
 */
export function claim(name: string, used: Set<string>): string {
  let candidate = name;
  for (let n = 2; used.has(candidate); n++) candidate = `${name}${n}`;
  used.add(candidate);
  return candidate;
}

/** Code-unit comparator: the only sort order the generator uses. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A name for a server from the document's `servers`: `x-name`/`description` slug when given, else
 * `production` for the first and, for the others, the first host label that differs from the first server's.
 */
export function serverNames(
  servers: readonly { url: string; description?: string; name?: string }[],
): string[] {
  const hostLabels = (url: string): string[] => {
    const match = /^[a-z]+:\/\/([^/:?#]+)/i.exec(url);
    return match?.[1]?.split(".") ?? url.split(/[^A-Za-z0-9]+/).filter((s) => s.length > 0);
  };
  const first = new Set(hostLabels(servers[0]?.url ?? ""));
  const wanted = servers.map((server, index) => {
    const given = server.name ?? server.description;
    if (given !== undefined && camelCase(given).length > 0 && camelCase(given).length <= 40)
      return camelCase(given);
    if (index === 0) return "production";
    const label = hostLabels(server.url).find(
      (l) => !first.has(l) && /[a-z]/i.test(l) && !/^(api|www)$/i.test(l),
    );
    return label !== undefined ? camelCase(label) : `server${index + 1}`;
  });
  return dedupe(wanted.map((w) => (w.length > 0 ? w : "server")));
}
