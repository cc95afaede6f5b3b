/**
 * Servers and security schemes → model. Part of normalize.
 */
import type { SecuritySchemeData } from "../../templates/runtime/types.js";
import {
  asArray,
  asRecord,
  asString,
  asText,
  derefRecord,
  entries,
  type JsonRecord,
} from "../util/document.js";
import { pointer } from "../util/issues.js";
import type { Issue, SecuritySchemeModel, ServerModel } from "./model.js";
import { camelCase, dedupe, safeIdentifier, serverNames } from "./naming.js";

/** `createClient` config properties the runtime owns; credential properties must not take them. */
const CONFIG_KEYS = new Set([
  "baseUrl",
  "server",
  "serverVariables",
  "auth",
  "fetch",
  "headers",
  "maxRetries",
  "timeoutMs",
  "onRequest",
  "onResponse",
  "logger",
  "clock",
  "random",
]);

export function normalizeServers(doc: JsonRecord): ServerModel[] {
  const servers = asArray(doc["servers"])
    .map((s) => asRecord(s))
    .filter((s): s is JsonRecord => s !== undefined && typeof s["url"] === "string");
  const names = serverNames(
    servers.map((s) => {
      const description = asText(s["description"]);
      const name = asString(s["x-name"]) ?? asString(s["name"]);
      return {
        url: String(s["url"]),
        ...(description !== undefined ? { description } : {}),
        ...(name !== undefined ? { name } : {}),
      };
    }),
  );
  return servers.map((s, i) => {
    // Object.fromEntries defines own properties: a variable named `__proto__` stays a variable (assignment would set the prototype).
    const variables: Record<string, { default: string; enum?: readonly string[] }> =
      Object.fromEntries(
        entries(asRecord(s["variables"])).map(([key, value]) => {
          const variable = asRecord(value);
          const values = asArray(variable?.["enum"]).map(String);
          return [
            key,
            {
              default: scalarText(variable?.["default"]),
              ...(values.length > 0 ? { enum: values } : {}),
            },
          ] as const;
        }),
      );
    const description = asText(s["description"]);
    return {
      name: names[i]!,
      url: String(s["url"]),
      variables,
      ...(description !== undefined ? { description } : {}),
    };
  });
}

function schemeSpec(scheme: JsonRecord): SecuritySchemeData | undefined {
  const type = scheme["type"];
  if (type === "apiKey") {
    const location = scheme["in"];
    const name = asString(scheme["name"]);
    if (
      (location === "header" || location === "query" || location === "cookie") &&
      name !== undefined
    )
      return { type, in: location, name };
    return undefined;
  }
  if (type === "http") {
    const s = scalarText(scheme["scheme"]).toLowerCase();
    if (s === "bearer") return { type, scheme: "bearer" };
    if (s === "basic") return { type, scheme: "basic" };
    return undefined;
  }
  if (type === "oauth2") return { type };
  if (type === "openIdConnect") return { type };
  return undefined;
}

function kindKey(spec: SecuritySchemeData): string {
  if (spec.type === "apiKey") return "apiKey";
  if (spec.type === "http") return spec.scheme === "bearer" ? "bearerToken" : "basicAuth";
  return "accessToken";
}

/** Security schemes the runtime can apply, each with the `createClient` property that carries its credential. */
export function normalizeSecurity(doc: JsonRecord, issues: Issue[]): SecuritySchemeModel[] {
  const schemes = entries(asRecord(asRecord(doc["components"])?.["securitySchemes"]));
  const supported: { name: string; spec: SecuritySchemeData; description?: string }[] = [];
  for (const [name, value] of schemes) {
    const scheme = derefRecord(doc, value);
    const spec = scheme !== undefined ? schemeSpec(scheme) : undefined;
    if (spec === undefined) {
      issues.push({
        code: "unsupported-security-scheme",
        severity: "warning",
        pointer: pointer("components", "securitySchemes", name),
        message: `security scheme '${name}' (${String(scheme?.["type"])} ${scalarText(scheme?.["scheme"])}) is not supported; set its credential with onRequest.`,
      });
      continue;
    }
    const description = asText(scheme?.["description"]);
    supported.push({ name, spec, ...(description !== undefined ? { description } : {}) });
  }
  const kinds = supported.map((s) => kindKey(s.spec));
  const wanted = supported.map((s, i) =>
    kinds.filter((k) => k === kinds[i]).length === 1
      ? kinds[i]!
      : safeIdentifier(camelCase(s.name), "credential"),
  );
  const keys = dedupe(wanted, CONFIG_KEYS);
  keys.forEach((key, i) => {
    if (key === wanted[i]) return;
    issues.push({
      code: "renamed-credential",
      severity: "warning",
      pointer: pointer("components", "securitySchemes", supported[i]!.name),
      message: `the credential of security scheme '${supported[i]!.name}' is createClient's '${key}': '${wanted[i]!}' is taken.`,
    });
  });
  return supported.map((s, i) => ({ ...s, configKey: keys[i]! }));
}

/** The operation's security requirements (its own, else the document's) as lists of supported scheme names. */
export function operationSecurity(
  doc: JsonRecord,
  op: JsonRecord,
  schemeNames: readonly string[],
  ptr: string,
  issues: Issue[],
): string[][] {
  const requirements = Array.isArray(op["security"]) ? op["security"] : asArray(doc["security"]);
  const result: string[][] = [];
  for (const requirement of requirements) {
    const names = Object.keys(asRecord(requirement) ?? {});
    const unknown = names.filter((n) => !schemeNames.includes(n));
    if (unknown.length > 0) {
      issues.push({
        code: "unknown-security-scheme",
        severity: "warning",
        pointer: `${ptr}/security`,
        message: `security requirement names ${unknown.map((n) => `'${n}'`).join(", ")}, not a supported scheme in components.securitySchemes; that alternative is skipped.`,
      });
      continue;
    }
    result.push(names);
  }
  return result;
}

/** A scalar as text (`""` when absent); another value as JSON, never `[object Object]`. */
function scalarText(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}
