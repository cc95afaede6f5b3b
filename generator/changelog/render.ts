/**
 * Turns a list of spec changes into a suggested semver bump, a printed summary and a CHANGELOG.md entry.
 * No clock: the entry's date comes from `info.version` when it is a date (`2026-05-20`), otherwise there is none.
 */
import { asRecord } from "../util/document.js";
import { diffSpecs, type DiffContext } from "./diff.js";
import type { Changelog, SemverBump, SpecChange } from "./types.js";

/** Largest number of changes listed in the printed summary (the CHANGELOG entry lists all). */
export const SUMMARY_LINES = 20;

/** `major` if anything breaks, `minor` if something was added or relaxed, `patch` for other differences, else `none`. */
export function suggestBump(changes: readonly SpecChange[], documentsDiffer: boolean): SemverBump {
  if (changes.some((c) => c.breaking)) return "major";
  if (changes.length > 0) return "minor";
  return documentsDiffer ? "patch" : "none";
}

/** The date in a version string like `2026-05-20` or `2026-05-20.beta`, if any. */
export function dateFromVersion(version: string): string | undefined {
  return /(?:^|[^\d])(\d{4}-\d{2}-\d{2})(?:$|[^\d])/.exec(version)?.[1];
}

/** One line of Markdown text: line breaks (names in a spec may hold them) become spaces, markup is escaped. */
const oneLine = (text: string): string => text.replace(/\s*[\r\n]\s*/g, " ");
const md = (text: string): string => oneLine(text).replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
const line = (c: SpecChange): string => `${c.where}: ${c.message}`;
const mdLine = (c: SpecChange): string =>
  `- \`${oneLine(c.where).replace(/`/g, "'")}\`: ${md(c.message)}`;

/** `info.version` of a document, or `(unversioned)`. */
export function versionOf(doc: unknown): string {
  const version = asRecord(asRecord(doc)?.["info"])?.["version"];
  return typeof version === "string" || typeof version === "number"
    ? String(version)
    : "(unversioned)";
}

/**
 * How the CHANGELOG.md entry of the changes from `fromVersion` to `toVersion` begins: its heading
 * (`## 2026-06-10`, dated when the version holds a date) and its first line.
 */
export function entryStart(fromVersion: string, toVersion: string): string {
  const date = dateFromVersion(toVersion);
  const heading = `## ${md(toVersion)}${date !== undefined && date !== toVersion ? ` (${date})` : ""}`;
  return `${heading}\n\nSpec ${md(fromVersion)} → ${md(toVersion)}.`;
}

/**
 * The CHANGELOG.md entry for `changes` from `fromVersion` to `toVersion`, or undefined when there are none.
 */
export function renderEntry(
  changes: readonly SpecChange[],
  fromVersion: string,
  toVersion: string,
): string | undefined {
  if (changes.length === 0) return undefined;
  const bump = suggestBump(changes, true);
  const entry = [
    `${entryStart(fromVersion, toVersion)} Suggested client version bump: **${bump}**.`,
    "",
  ];
  const section = (heading: string, list: readonly SpecChange[]): void => {
    if (list.length === 0) return;
    entry.push(`### ${heading}`, "", ...list.map(mdLine), "");
  };
  section(
    "Breaking",
    changes.filter((c) => c.breaking),
  );
  section(
    "Non-breaking",
    changes.filter((c) => !c.breaking),
  );
  return entry.join("\n");
}

/**
 * The changelog of `changes` between two spec versions: counts, bump, the printed summary and the entry.
 * @param title The API title, for the summary.
 * @param documentsDiffer Whether the two documents differ at all (decides `patch` vs `none`).
 */
export function summarize(
  changes: readonly SpecChange[],
  fromVersion: string,
  toVersion: string,
  title: string,
  documentsDiffer: boolean,
): Changelog {
  const breaking = changes.filter((c) => c.breaking).length;
  const bump = suggestBump(changes, documentsDiffer);
  const head = `${title} ${fromVersion} → ${toVersion}: ${changes.length} change${changes.length === 1 ? "" : "s"} (${breaking} breaking); suggested client version bump: ${bump}`;
  const listed = [...changes.filter((c) => c.breaking), ...changes.filter((c) => !c.breaking)];
  const shown = listed
    .slice(0, SUMMARY_LINES)
    .map((c) => `  ${c.breaking ? "BREAKING " : ""}${line(c)}`);
  if (listed.length > SUMMARY_LINES)
    shown.push(`  … and ${listed.length - SUMMARY_LINES} more (see CHANGELOG.md)`);
  const summary = `${[head, ...shown].join("\n")}\n`;
  const entry = renderEntry(changes, fromVersion, toVersion);
  return {
    fromVersion,
    toVersion,
    changes,
    breaking,
    bump,
    summary,
    ...(entry !== undefined ? { entry } : {}),
  };
}

/**
 * Builds the changelog between two spec versions.
 * @param before The previous validated spec (as `spec.normalized.json` holds it).
 * @param after The new validated spec.
 * @param title The API title, for the summary.
 * @param documentsDiffer Whether the two documents differ at all (decides `patch` vs `none`).
 * @param context The generation's options and the model of `after`, when the caller has them.
 */
export function buildChangelog(
  before: unknown,
  after: unknown,
  title: string,
  documentsDiffer: boolean,
  context: DiffContext = {},
): Changelog {
  const changes = diffSpecs(before, after, context);
  return summarize(changes, versionOf(before), versionOf(after), title, documentsDiffer);
}
