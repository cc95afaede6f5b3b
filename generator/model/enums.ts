/**
 * Enum discovery and naming.
 *
 * A component schema with `enum` keeps its component name. An inline enum (a property, parameter or
 * item schema) is named after its entity and property: `PayoutResponse.data.stage` → `PayoutStage`
 * (component suffixes Response/Request/Body/Result/Dto/Schema are dropped). The same set of values found in
 * several places is one enum, named by the shortest candidate (ties: code-unit order). `enumNames` in the
 * config (keyed by JSON pointer) overrides a name.
 */
import { asArray, asRecord, asText, entries, type JsonRecord } from "../util/document.js";
import { pointerToken } from "../util/issues.js";
import type { EnumModel } from "./model.js";
import { claim, compareCodeUnits, pascalCase, safeIdentifier, valuesConstName } from "./naming.js";

type EnumValue = string | number | boolean | null;

interface Site {
  readonly values: readonly EnumValue[];
  readonly candidate: string;
  readonly pointer: string;
  readonly description?: string;
  readonly schema: JsonRecord;
}

export interface EnumSource {
  /** Entity name (PascalCase) the enum belongs to: a component or an operation type stem. */
  readonly entity: string;
  /** Property or parameter name the schema sits under, if any. */
  readonly prop?: string;
  readonly schema: unknown;
  readonly pointer: string;
}

const ENTITY_SUFFIX = /(Response|Request|Body|Result|Dto|DTO|Schema|Payload|Input|Output)$/;

/** `PayoutResponse` → `Payout`; a name that would become empty is kept. */
export function entityName(componentName: string): string {
  const stripped = componentName.replace(ENTITY_SUFFIX, "");
  return stripped.length > 0 ? stripped : componentName;
}

function candidateName(entity: string, prop: string | undefined): string {
  if (prop === undefined) return `${entity}Value`;
  const p = pascalCase(prop);
  if (p.length === 0) return `${entity}Value`;
  return p.startsWith(entity) ? p : `${entity}${p}`;
}

function primitiveValues(schema: JsonRecord): EnumValue[] | undefined {
  const values = schema["enum"];
  if (!Array.isArray(values) || values.length === 0) return undefined;
  if (!values.every((v) => v === null || ["string", "number", "boolean"].includes(typeof v)))
    return undefined;
  return values as EnumValue[];
}

function collect(
  source: EnumSource,
  sites: Site[],
  depth: number,
  prop: string | undefined,
  ptr: string,
): void {
  const schema = asRecord(source.schema);
  if (schema === undefined || "$ref" in schema || depth > 64) return;
  const values = primitiveValues(schema);
  if (values !== undefined && values.length > 0) {
    const description = asText(schema["description"]);
    sites.push({
      values,
      candidate: candidateName(source.entity, prop),
      pointer: ptr,
      schema,
      ...(description !== undefined ? { description } : {}),
    });
  }
  const next = (child: unknown, childProp: string | undefined, childPtr: string): void =>
    collect({ ...source, schema: child }, sites, depth + 1, childProp, childPtr);
  for (const [name, child] of entries(asRecord(schema["properties"])))
    next(child, name, `${ptr}/properties/${pointerToken(name)}`);
  if (schema["items"] !== undefined) next(schema["items"], prop, `${ptr}/items`);
  for (const key of ["allOf", "oneOf", "anyOf"]) {
    asArray(schema[key]).forEach((member, i) => next(member, prop, `${ptr}/${key}/${i}`));
  }
  if (asRecord(schema["additionalProperties"]) !== undefined)
    next(schema["additionalProperties"], prop, `${ptr}/additionalProperties`);
}

/**
 * Finds inline enums in `sources` and names them; `componentEnums` maps a component enum's pointer to its
 * alias name. Returns enums in a stable order and never reuses a name in `taken`.
 */
export function discoverEnums(
  sources: readonly EnumSource[],
  componentEnums: ReadonlyMap<string, { typeName: string; schema: JsonRecord }>,
  taken: ReadonlySet<string>,
  enumNames: Readonly<Record<string, string>> = {},
): EnumModel[] {
  const sites: Site[] = [];
  for (const source of sources) collect(source, sites, 0, source.prop, source.pointer);
  const result: EnumModel[] = [];
  const used = new Set(taken);
  for (const [ptr, { typeName, schema }] of componentEnums) {
    const values = primitiveValues(schema);
    if (values === undefined) continue;
    const valuesName = claim(valuesConstName(typeName), used);
    result.push(enumModel(typeName, valuesName, values, ptr, schema, true));
  }
  const groups = new Map<string, Site[]>();
  for (const site of sites) {
    if (componentEnums.has(site.pointer)) continue;
    const key = JSON.stringify(site.values);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [site]);
    else group.push(site);
  }
  const named = [...groups.values()].map((group) => {
    const forced = group.map((s) => enumNames[s.pointer]).find((n) => n !== undefined);
    const best = [...group].sort(
      (a, b) =>
        a.candidate.length - b.candidate.length || compareCodeUnits(a.candidate, b.candidate),
    )[0]!;
    return { name: safeIdentifier(forced ?? best.candidate, "Enum"), site: best, first: group[0]! };
  });
  named.sort(
    (a, b) =>
      compareCodeUnits(a.name, b.name) || compareCodeUnits(a.first.pointer, b.first.pointer),
  );
  for (const { name, site } of named) {
    const typeName = claim(name, used);
    const valuesName = claim(valuesConstName(typeName), used);
    result.push(enumModel(typeName, valuesName, site.values, site.pointer, site.schema, false));
  }
  return result;
}

function stringArray(value: unknown, length: number): string[] | undefined {
  return Array.isArray(value) &&
    value.length === length &&
    value.every((v): v is string => typeof v === "string")
    ? value
    : undefined;
}

function enumModel(
  typeName: string,
  valuesName: string,
  values: readonly EnumValue[],
  ptr: string,
  schema: JsonRecord,
  fromComponent: boolean,
): EnumModel {
  const description = asText(schema["description"]);
  const varNames = stringArray(schema["x-enum-varnames"] ?? schema["x-enumNames"], values.length);
  const valueDescriptions = stringArray(schema["x-enum-descriptions"], values.length);
  return {
    typeName,
    valuesName,
    values,
    pointer: ptr,
    fromComponent,
    ...(description !== undefined ? { description } : {}),
    ...(varNames !== undefined ? { varNames } : {}),
    ...(valueDescriptions !== undefined ? { valueDescriptions } : {}),
  };
}
