/**
 * Turns a list of spec changes into a suggested semver bump, a printed summary and a CHANGELOG.md entry.
 * No clock: the entry's date comes from `info.version` when it is a date (`2026-05-20`), otherwise there is none.
 */
import { diffSpecs } from "./diff.js";
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

const md = (text: string): string => text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
const line = (c: SpecChange): string => `${c.where}: ${c.message}`;
const mdLine = (c: SpecChange): string => `- \`${c.where.replace(/`/g, "'")}\`: ${md(c.message)}`;

/**
 * Builds the changelog between two spec versions.
 * @param before The previous normalized spec (from the output's manifest).
 * @param after The new validated spec.
 * @param title The API title, for the summary.
 * @param documentsDiffer Whether the two documents differ at all (decides `patch` vs `none`).
 */
export function buildChangelog(
  before: unknown,
  after: unknown,
  title: string,
  documentsDiffer: boolean,
): Changelog {
  const version = (doc: unknown): string => {
    const info =
      typeof doc === "object" && doc !== null
        ? (doc as { info?: { version?: unknown } }).info
        : undefined;
    return typeof info?.version === "string" ? info.version : "(unversioned)";
  };
  const fromVersion = version(before);
  const toVersion = version(after);
  const changes = diffSpecs(before, after);
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

  const date = dateFromVersion(toVersion);
  const entry: string[] = [
    `## ${md(toVersion)}${date !== undefined && date !== toVersion ? ` (${date})` : ""}`,
    "",
  ];
  entry.push(
    `Spec ${md(fromVersion)} → ${md(toVersion)}. Suggested client version bump: **${bump}**.`,
    "",
  );
  const section = (heading: string, list: SpecChange[]): void => {
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
  if (changes.length === 0) entry.push("No changes visible to client code.", "");
  return { fromVersion, toVersion, changes, breaking, bump, summary, entry: entry.join("\n") };
}

/** The first line of every CHANGELOG.md: the file is maintained by the generator, entries newest first. */
export const CHANGELOG_TITLE = "# Changelog";

/**
 * A CHANGELOG.md text: the header comment, the title, `entry` (if any), then the previous file's entries.
 * @param header The generated-file header as a Markdown comment.
 * @param previous The existing CHANGELOG.md text, if any.
 */
export function composeChangelog(
  header: string,
  entry: string | undefined,
  previous: string | undefined,
): string {
  const at = previous === undefined ? -1 : previous.indexOf(`${CHANGELOG_TITLE}\n`);
  const old =
    previous === undefined
      ? ""
      : at === -1
        ? previous.trim()
        : previous.slice(at + CHANGELOG_TITLE.length).trim();
  const parts = [
    header.trimEnd(),
    CHANGELOG_TITLE,
    ...(entry !== undefined ? [entry.trim()] : []),
    ...(old !== "" ? [old] : []),
  ];
  return `${parts.join("\n\n")}\n`;
}
