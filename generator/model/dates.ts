/**
 * Dates (the `dates` option, part of normalize): where each operation's data holds strings that the client reads
 * as `Date`, as plans (`DatePlan` in templates/runtime/types.ts) built from the mock model's reduced schemas
 * (3.0 forms already turned into 3.1's). Components are planned once and referred to by `$ref`, which keeps
 * recursive schemas finite; a component whose schema reaches no date has no plan and is not referred to.
 */
import type { DatesConfig } from "../config/config.js";
import { asRecord, isRecord } from "../util/document.js";
import type {
  DatePlanModel,
  DatesModel,
  MockModel,
  OperationDatesModel,
  OperationModel,
} from "./model.js";
import { compareCodeUnits } from "./naming.js";

/**
 * The format a schema's strings are read as `Date` with (`"date-time"`, `"date"`), or undefined: the schema is a
 * string (`type: string`; a 3.1 type array may add `"null"`) whose `format` the config reads as Date.
 * emit/types.ts types exactly these schemas `Date`, so types and revived data agree.
 */
export function dateFormat(schema: unknown, config: DatesConfig): "date-time" | "date" | undefined {
  const s = asRecord(schema);
  const format = s?.["format"];
  const f =
    format === "date-time" && config.dateTime === "Date"
      ? "date-time"
      : format === "date" && config.date === "Date"
        ? "date"
        : undefined;
  if (f === undefined || s!["$ref"] !== undefined) return undefined;
  const type = s!["type"];
  const types = (Array.isArray(type) ? type : [type]).filter((t) => t !== "null");
  return types.length === 1 && types[0] === "string" ? f : undefined;
}

const COMPOSITIONS = ["allOf", "anyOf", "oneOf"] as const;

/** Plans schemas of one mock model; `hasDates` (by `$ref`) is found first, as a fixpoint over the `$ref` graph. */
class Planner {
  private readonly withDates = new Set<string>();
  /** The `$ref`s the plans built so far refer to. */
  readonly used = new Set<string>();

  constructor(
    private readonly mock: MockModel,
    private readonly config: DatesConfig,
  ) {
    // a component has dates when its own schema has one or refers to a component that has: grow until stable
    for (let changed = true; changed;) {
      changed = false;
      for (const [ref, schema] of Object.entries(mock.schemas))
        if (!this.withDates.has(ref) && this.plan(schema, false) !== undefined) {
          this.withDates.add(ref);
          changed = true;
        }
    }
  }

  /** The plan of `schema`, or undefined when it holds no date; `record` notes the `$ref`s it refers to. */
  plan(schema: unknown, record = true): DatePlanModel | undefined {
    if (!isRecord(schema)) return undefined;
    const parts: DatePlanModel[] = [];
    const ref = schema["$ref"];
    if (typeof ref === "string" && this.withDates.has(ref)) {
      if (record) this.used.add(ref);
      parts.push({ $ref: ref });
    }
    const leaf = dateFormat(schema, this.config);
    if (leaf !== undefined) parts.push(leaf);
    const p: Record<string, DatePlanModel> = {};
    for (const [k, v] of Object.entries(asRecord(schema["properties"]) ?? {})) {
      const plan = this.plan(v, record);
      if (plan !== undefined) p[k] = plan;
    }
    const a = this.plan(schema["additionalProperties"], record);
    const i = this.plan(schema["items"], record);
    if (Object.keys(p).length > 0 || a !== undefined || i !== undefined)
      parts.push({
        ...(Object.keys(p).length > 0 ? { p } : {}),
        ...(a !== undefined ? { a } : {}),
        ...(i !== undefined ? { i } : {}),
      });
    for (const k of COMPOSITIONS)
      for (const s of Array.isArray(schema[k]) ? (schema[k] as unknown[]) : []) {
        const plan = this.plan(s, record);
        if (plan !== undefined) parts.push(plan);
      }
    return parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : parts;
  }

  /** The plans of every `$ref` used so far and of those they use in turn, by `$ref` (code-unit order). */
  components(): Record<string, DatePlanModel> {
    const out: Record<string, DatePlanModel> = {};
    for (let pending = [...this.used]; pending.length > 0;) {
      for (const ref of pending) out[ref] = this.plan(this.mock.schemas[ref])!;
      pending = [...this.used].filter((r) => !(r in out));
    }
    return Object.fromEntries(
      Object.keys(out)
        .sort(compareCodeUnits)
        .map((k) => [k, out[k]!]),
    );
  }
}

/** A list of plans as one plan (undefined for none). */
const all = (plans: (DatePlanModel | undefined)[]): DatePlanModel | undefined => {
  const list = plans.filter((p) => p !== undefined);
  return list.length === 0 ? undefined : list.length === 1 ? list[0] : list;
};

/** The schema of one of the mock's responses (a response component's when it is shared). */
function responseSchema(mock: MockModel, r: MockModel["operations"][number]["responses"][number]) {
  return r.$ref !== undefined ? mock.responses[r.$ref]?.schema : r.schema;
}

/**
 * Each operation's dates (aligned with `operations`; undefined where it has none) and the plans of the components
 * they refer to; undefined when `config` reads no format as `Date`.
 */
export function datesModel(
  operations: readonly OperationModel[],
  mock: MockModel,
  config: DatesConfig,
): { model: DatesModel; operations: (OperationDatesModel | undefined)[] } | undefined {
  if (config.dateTime !== "Date" && config.date !== "Date") return undefined;
  const planner = new Planner(mock, config);
  const ops = operations.map((o, i): OperationDatesModel | undefined => {
    const m = mock.operations[i]!;
    const response =
      o.responseKind === "json"
        ? all(o.success.map((_, j) => planner.plan(responseSchema(mock, m.responses[j]!))))
        : undefined;
    // error bodies are not revived (their types keep strings): no plan is emitted for them
    const errors = o.errors.flatMap((r, j) =>
      r.mediaType !== undefined &&
      planner.plan(responseSchema(mock, m.responses[o.success.length + j]!), false) !== undefined
        ? [r.status]
        : [],
    );
    // Dates in requests need a plan only where `format: date` is a Date (sent as its day, not toISOString)
    const emit = config.date === "Date";
    const inputs: Record<string, DatePlanModel> = {};
    o.parameters.forEach((p, j) => {
      const plan = planner.plan(m.params[j]?.schema, emit);
      if (plan !== undefined) inputs[p.key] = plan;
    });
    const body = planner.plan(m.bodySchema, emit);
    if (body !== undefined) inputs["body"] = body;
    const keys = Object.keys(inputs);
    const request = emit && keys.length > 0 ? { p: inputs } : undefined;
    if (response === undefined && keys.length === 0 && errors.length === 0) return undefined;
    return {
      ...(response !== undefined ? { response } : {}),
      ...(request !== undefined ? { request } : {}),
      inputs: keys,
      errors,
    };
  });
  return { model: { config, components: planner.components() }, operations: ops };
}
