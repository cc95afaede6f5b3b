/**
 * Header parameters whose names differ only in case. OpenAPI tells parameters apart by exact name, so one
 * operation may declare both `X-Trace` and `x-trace`; HTTP header names are case-insensitive, and the client sends
 * each header once, under its lower-cased name (templates/runtime/request.ts), so one of the two values is lost.
 */
import { asArray, asString, derefRecord, type JsonRecord } from "../util/document.js";

/** One header parameter in effect for an operation: its exact name and where it is declared. */
interface Declared {
  readonly name: string;
  readonly pointer: string;
}

/**
 * The header parameters an operation sends, in the order the client sends them: path-item parameters, then the
 * operation's; an operation parameter with the same exact name replaces the path item's in place (as normalize
 * merges them).
 */
function headerParameters(
  doc: JsonRecord,
  item: JsonRecord,
  op: JsonRecord,
  itemPtr: string,
  opPtr: string,
): Declared[] {
  const byName = new Map<string, Declared>();
  const lists: [unknown[], string][] = [
    [asArray(item["parameters"]), `${itemPtr}/parameters`],
    [asArray(op["parameters"]), `${opPtr}/parameters`],
  ];
  for (const [list, listPtr] of lists) {
    list.forEach((p, i) => {
      const param = derefRecord(doc, p);
      const name = asString(param?.["name"]);
      if (param?.["in"] === "header" && name !== undefined)
        byName.set(name, { name, pointer: `${listPtr}/${i}` });
    });
  }
  return [...byName.values()];
}

const quoted = (names: readonly string[]): string => {
  const q = names.map((n) => `'${n}'`);
  return q.length <= 2 ? q.join(" and ") : `${q.slice(0, -1).join(", ")} and ${q.at(-1)!}`;
};

/**
 * Warns (code `header-case-clash`) about header parameters of the operation at `opPtr` whose names differ only in
 * case, at the declaration of the one sent when all are given (the last the client sends). A clash already in
 * `reported` (by pointer) is skipped, so one declared on a path item is reported once, not once per operation.
 */
export function warnHeaderCaseClashes(
  doc: JsonRecord,
  item: JsonRecord,
  op: JsonRecord,
  itemPtr: string,
  opPtr: string,
  reported: Set<string>,
  warn: (code: string, ptr: string, message: string) => void,
): void {
  const groups = new Map<string, Declared[]>();
  for (const declared of headerParameters(doc, item, op, itemPtr, opPtr)) {
    const lower = declared.name.toLowerCase();
    groups.set(lower, [...(groups.get(lower) ?? []), declared]);
  }
  for (const [lower, group] of groups) {
    if (group.length < 2) continue;
    const sent = group.at(-1)!;
    const key = `${group.map((d) => d.pointer).join(" ")}`;
    if (reported.has(key)) continue;
    reported.add(key);
    warn(
      "header-case-clash",
      sent.pointer,
      `header parameters ${quoted(group.map((d) => d.name))} differ only in case; HTTP header names are case-insensitive, so the request carries one '${lower}' header, with the value of '${sent.name}' when ${group.length === 2 ? "both are" : "several are"} given. Remove or rename all but one of them.`,
    );
  }
}
