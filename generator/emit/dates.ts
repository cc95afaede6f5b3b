/**
 * emit/dates: the `dates` option in `operations.ts`: one `DatePlan` constant per component the operations' plans
 * refer to, the `dates` field of each operation's spec, and the import of `request`/`paginate` from
 * runtime/dates.js (which applies those plans) in place of the request core's.
 */
import {
  StructureKind,
  VariableDeclarationKind,
  type ImportDeclarationStructure,
  type ImportSpecifierStructure,
  type OptionalKind,
} from "ts-morph";
import type { ApiModel, DatePlanModel, OperationModel } from "../model/model.js";
import { docLine, literal, objectKey } from "./docs.js";
import type { Statement } from "./print.js";

/** The constant of each component plan: `#/components/schemas/Payout` → `dates_Payout` (unique, in `$ref` order). */
export function planNames(model: ApiModel): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const ref of Object.keys(model.dates?.components ?? {})) {
    const stem = `dates_${ref.replace(/^#\/components\/schemas\//, "").replace(/[^A-Za-z0-9_$]+/g, "_")}`;
    let name = stem;
    for (let n = 2; taken.has(name); n++) name = `${stem}${n}`;
    taken.add(name);
    names.set(ref, name);
  }
  return names;
}

const isList = (plan: DatePlanModel): plan is readonly DatePlanModel[] => Array.isArray(plan);

/** A plan as a TypeScript expression (`{ p: { createdAt: "date-time" } }`; a component: `() => dates_Payout`). */
export function planLiteral(plan: DatePlanModel, names: ReadonlyMap<string, string>): string {
  if (typeof plan === "string") return literal(plan);
  if (isList(plan)) return `[${plan.map((p) => planLiteral(p, names)).join(", ")}]`;
  if ("$ref" in plan) return `() => ${names.get(plan.$ref)!}`;
  const fields: string[] = [];
  if (plan.p !== undefined)
    fields.push(
      `p: { ${Object.entries(plan.p)
        .map(([k, v]) => `${objectKey(k)}: ${planLiteral(v, names)}`)
        .join(", ")} }`,
    );
  if (plan.a !== undefined) fields.push(`a: ${planLiteral(plan.a, names)}`);
  if (plan.i !== undefined) fields.push(`i: ${planLiteral(plan.i, names)}`);
  return `{ ${fields.join(", ")} }`;
}

/** The operation's spec field `dates: { response, request }`, if it has either. */
export function specDates(o: OperationModel, names: ReadonlyMap<string, string>): string[] {
  const d = o.dates;
  if (d?.response === undefined && d?.request === undefined) return [];
  const fields = [
    ...(d.response !== undefined ? [`response: ${planLiteral(d.response, names)}`] : []),
    ...(d.request !== undefined ? [`request: ${planLiteral(d.request, names)}`] : []),
  ];
  return [`dates: { ${fields.join(", ")} }`];
}

/** The component plan constants. */
export function planStatements(model: ApiModel, names: ReadonlyMap<string, string>): Statement[] {
  return Object.entries(model.dates?.components ?? {}).map(([ref, plan]) => ({
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    docs: [{ description: `Where \`${docLine(ref)}\` holds dates (see runtime/dates.ts).` }],
    declarations: [
      { name: names.get(ref)!, type: "DatePlan", initializer: planLiteral(plan, names) },
    ],
  }));
}

type Specifier = string | OptionalKind<ImportSpecifierStructure>;
const name = (s: Specifier): string => (typeof s === "string" ? s : s.name);

/**
 * The imports with `request` and `paginate` taken from runtime/dates.js, and `DatePlan` added, when some operation's
 * spec has `dates`; else unchanged.
 */
export function datesImports(
  model: ApiModel,
  imports: readonly ImportDeclarationStructure[],
): ImportDeclarationStructure[] {
  if (!model.operations.some((o) => specDates(o, new Map()).length > 0)) return [...imports];
  const moved: string[] = [];
  const out = imports.flatMap((decl) => {
    const named = (Array.isArray(decl.namedImports) ? decl.namedImports : []) as Specifier[];
    const keep = named.filter((s) => {
      const wrapped =
        !(typeof s !== "string" && s.isTypeOnly === true) && /^(request|paginate)$/.test(name(s));
      if (wrapped) moved.push(name(s));
      return !wrapped;
    });
    if (keep.length === 0) return [];
    // what is left of `import { request, type ApiPromise }` is types only: `import type { ApiPromise }`
    const typesOnly = keep.every((s) => typeof s !== "string" && s.isTypeOnly === true);
    return [
      typesOnly
        ? {
            ...decl,
            isTypeOnly: true,
            namedImports: keep.map((s) => ({ ...(s as object), isTypeOnly: false }) as Specifier),
          }
        : { ...decl, namedImports: keep },
    ];
  });
  const plans = Object.keys(model.dates?.components ?? {}).length > 0;
  const withPlan = out.map((decl) =>
    plans && decl.moduleSpecifier === "./runtime/types.js" && Array.isArray(decl.namedImports)
      ? { ...decl, namedImports: ["DatePlan", ...decl.namedImports] }
      : decl,
  );
  return [
    ...withPlan,
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: "./runtime/dates.js",
      namedImports: moved.sort(),
    },
  ];
}
