/**
 * CHANGELOG.md across regenerations: one entry per `info.version`, listing only client-visible changes.
 *
 * Regenerating under the same `info.version` (every save under `--watch`) merges into that version's entry:
 * the entry is recomputed from the spec the version started from (the "base", kept in the output next to
 * `spec.normalized.json`), so a change repeated is listed once and a change undone disappears (and the entry
 * with it when nothing is left). A regeneration without a client-visible change adds nothing.
 */
import type { GenerateOptions } from "../config/config.js";
import type { ApiModel } from "../model/model.js";
import { diffSpecs, type DiffContext } from "./diff.js";
import { entryStart, renderEntry, summarize, versionOf } from "./render.js";
import type { Changelog } from "./types.js";

/** The first line of every CHANGELOG.md: the file is maintained by the generator, entries newest first. */
export const CHANGELOG_TITLE = "# Changelog";

/** The entries of a CHANGELOG.md text (everything after its title), trimmed. */
function changelogBody(text: string): string {
  const at = text.indexOf(`${CHANGELOG_TITLE}\n`);
  return (at === -1 ? text : text.slice(at + CHANGELOG_TITLE.length)).trim();
}

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
  const old = previous === undefined ? "" : changelogBody(previous);
  const parts = [
    header.trimEnd(),
    CHANGELOG_TITLE,
    ...(entry !== undefined ? [entry.trim()] : []),
    ...(old !== "" ? [old] : []),
  ];
  return `${parts.join("\n\n")}\n`;
}

/** What the previous generation left in the output (texts), see write/write.ts `readPrevious`. */
export interface ChangelogInputs {
  /** `spec.normalized.json`: the spec the previous output was generated from. */
  readonly spec?: string | undefined;
  /** The spec the current `info.version` started from (its entry compares against it). */
  readonly base?: string | undefined;
  /** CHANGELOG.md. */
  readonly changelog?: string | undefined;
}

/** The new CHANGELOG.md and base, and what this regeneration changed. */
export interface ChangelogUpdate {
  /** The client-visible changes since the previous output; absent when there are none. */
  readonly changelog?: Changelog;
  /** CHANGELOG.md; absent when there is none (no entry yet, or the only one cancelled out). */
  readonly text?: string;
  /** The spec `info.version` started from (sorted JSON, like `spec.normalized.json`), once there was a previous one. */
  readonly base?: string;
}

/**
 * Updates the changelog for a regeneration.
 * @param previous What the previous output holds.
 * @param next The new validated document, its text as `spec.normalized.json` holds it, and its model.
 * @param header The generated-file header as a Markdown comment.
 */
export function updateChangelog(
  previous: ChangelogInputs,
  next: { readonly document: unknown; readonly normalizedSpec: string; readonly model: ApiModel },
  options: GenerateOptions,
  header: string,
): ChangelogUpdate {
  const carried = (base: string | undefined): ChangelogUpdate => ({
    ...(previous.changelog !== undefined
      ? { text: composeChangelog(header, undefined, previous.changelog) }
      : {}),
    ...(base !== undefined ? { base } : {}),
  });
  if (previous.spec === undefined || previous.spec === next.normalizedSpec)
    return carried(previous.base);
  const before = JSON.parse(previous.spec) as unknown;
  const context: DiffContext = { options, afterModel: next.model };
  const fromVersion = versionOf(before);
  const toVersion = versionOf(next.document);
  const sameVersion = fromVersion === toVersion;
  // A new info.version starts from the previous output's spec; saves under one version keep its start.
  const base = sameVersion ? (previous.base ?? previous.spec) : previous.spec;
  const changes = diffSpecs(before, next.document, context);
  if (changes.length === 0) return carried(base);

  const baseDoc = base === previous.spec ? before : (JSON.parse(base) as unknown);
  const sinceBase = base === previous.spec ? changes : diffSpecs(baseDoc, next.document, context);
  const entry = renderEntry(sinceBase, versionOf(baseDoc), toVersion);
  let old = previous.changelog === undefined ? "" : changelogBody(previous.changelog);
  // The newest entry is this version's when it was written from the same base (an entry left by a generator
  // that kept no base cannot be recomputed, so a new one goes on top of it).
  if (
    sameVersion &&
    previous.base !== undefined &&
    old.startsWith(`${entryStart(versionOf(baseDoc), toVersion)} `)
  ) {
    const cut = old.search(/\n## /);
    old = cut === -1 ? "" : old.slice(cut).trim();
  }
  // The summary is this regeneration's; the entry is the version's (since its base).
  const { entry: _sinceBefore, ...summary } = summarize(
    changes,
    fromVersion,
    toVersion,
    next.model.title,
    true,
  );
  return {
    changelog: { ...summary, ...(entry !== undefined ? { entry } : {}) },
    ...(entry !== undefined || old !== ""
      ? { text: composeChangelog(header, entry, old === "" ? undefined : old) }
      : {}),
    base,
  };
}
