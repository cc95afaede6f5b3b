/**
 * Calls to make through a generated client and its mock: valid params generated from an operation's schemas
 * (with the mock engine's own generator, request direction), a credential for every security scheme, and one
 * crafted bad call per operation that the document forbids (a missing required parameter, a value outside a
 * parameter's type, enum, format or bounds, a missing or incomplete body, or no credentials).
 */
import type { ApiModel } from "../../generator/model/model.js";
import { flatten, gen } from "../../templates/runtime/mock-data.js";
import { random } from "../../templates/runtime/mock-random.js";
import { typesOf, type MockDefs, type MockSchema } from "../../templates/runtime/mock-schema.js";

/** Required parameters and the request body of operation `index`, generated from their schemas. */
export function validParams(model: ApiModel, index: number, seed: number): Record<string, unknown> {
  const o = model.operations[index]!;
  const m = model.mock.operations[index]!;
  const ctx = {
    defs: model.mock.schemas as MockDefs,
    r: random(seed),
    dir: "request" as const,
    ids: { n: 0, seen: new Set<unknown>() },
  };
  const params: Record<string, unknown> = {};
  o.parameters.forEach((p, i) => {
    const schema = m.params[i]?.schema as MockSchema | undefined;
    if (p.required) params[p.key] = schema ? gen(schema, ctx, p.name) : "value";
  });
  if (o.requestBody !== undefined && m.bodySchema !== undefined)
    params["body"] = gen(m.bodySchema, ctx);
  else if (o.requestBody?.required === true)
    params["body"] = o.requestBody.encoding === "json" ? {} : "x";
  return params;
}

/** `createClient` config with a credential for every security scheme of the API. */
export function credentials(model: ApiModel): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of model.securitySchemes)
    out[s.configKey] =
      s.spec.type === "http" && s.spec.scheme === "basic"
        ? { username: "mock-user", password: "mock-password" }
        : "mock-credential-0123456789";
  return out;
}

/** A value the schema refuses (of a type the wire carries), or undefined when it accepts every string. */
function badValue(schema: MockSchema | undefined, defs: MockDefs): unknown {
  if (schema === undefined) return undefined;
  const s = flatten(schema, defs, []);
  const types = typesOf(s);
  if (s.oneOf || s.anyOf) return undefined;
  if (s.enum) return "not-one-of-the-enum-values";
  if (types.includes("array") && typeof s.items === "object") {
    const item = badValue(s.items, defs);
    return item === undefined ? undefined : [item];
  }
  if (types.includes("string") || types.length === 0) {
    if (s.format !== undefined && ["date-time", "date", "uuid", "email", "ipv4"].includes(s.format))
      return `not-a-${s.format}`;
    if (s.maxLength !== undefined) return "x".repeat(s.maxLength + 1);
    if (s.minLength !== undefined && s.minLength > 1) return "x";
    return undefined;
  }
  if (types.includes("integer") || types.includes("number")) return "not-a-number";
  if (types.includes("boolean")) return "not-a-boolean";
  return undefined;
}

/** A call of operation `index` the document forbids, the status the mock must answer, and why. */
export interface BadCall {
  readonly params: Record<string, unknown>;
  readonly status: 400 | 401;
  readonly what: string;
  /** Sent by a client without credentials. */
  readonly anonymous?: boolean;
}

/** Crafts a bad call from valid params, or undefined when the operation accepts every input. */
export function badCall(
  model: ApiModel,
  index: number,
  valid: Record<string, unknown>,
): BadCall | undefined {
  const o = model.operations[index]!;
  const m = model.mock.operations[index]!;
  const defs = model.mock.schemas as MockDefs;
  const required = o.parameters.find((p) => p.required && p.in !== "path");
  if (required !== undefined) {
    const { [required.key]: _, ...rest } = valid;
    return {
      params: rest,
      status: 400,
      what: `without required ${required.in} parameter ${required.name}`,
    };
  }
  for (const [i, p] of o.parameters.entries()) {
    if (p.json === true || p.in === "cookie") continue;
    const bad = badValue(m.params[i]?.schema, defs);
    if (bad !== undefined)
      return {
        params: { ...valid, [p.key]: bad },
        status: 400,
        what: `${p.in} parameter ${p.name} = ${JSON.stringify(bad)}`,
      };
  }
  if (o.requestBody?.required === true) {
    const { body: _, ...rest } = valid;
    return { params: rest, status: 400, what: "without the required request body" };
  }
  const body = m.bodySchema && flatten(m.bodySchema, defs, []);
  if (
    body &&
    o.requestBody?.encoding === "json" &&
    typesOf(body).includes("object") &&
    !body.oneOf &&
    !body.anyOf
  )
    return {
      params: { ...valid, body: 42 },
      status: 400,
      what: "a request body that is not an object",
    };
  if (o.security.length > 0 && o.security.every((alt) => alt.length > 0))
    return { params: valid, status: 401, what: "without credentials", anonymous: true };
  return undefined;
}
