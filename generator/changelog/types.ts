/** What changed between two versions of a spec, from the point of view of code that uses the generated client. */

export type ChangeKind =
  | "operation-added"
  | "operation-removed"
  | "operation-renamed"
  | "parameter-added"
  | "parameter-removed"
  | "parameter-required-changed"
  | "parameter-renamed"
  | "request-body-added"
  | "request-body-removed"
  | "request-body-required-changed"
  | "field-added"
  | "field-removed"
  | "field-required-changed"
  | "type-changed"
  | "enum-value-added"
  | "enum-value-removed"
  | "response-added"
  | "response-removed"
  | "media-type-changed"
  | "deprecation-changed"
  | "pagination-changed"
  | "security-changed"
  | "servers-changed"
  | "export-added"
  | "export-removed";

/**
 * One change visible to client code: it changes the generated client's functions or types (descriptions,
 * summaries and examples alone never make one). `where` names the operation by the function client code calls
 * (`getPayout (GET /payouts/{id})`) and the place inside it.
 */
export interface SpecChange {
  readonly kind: ChangeKind;
  readonly breaking: boolean;
  /** Human-readable location, e.g. `updatePayout request body .stage`. */
  readonly where: string;
  /** One sentence, e.g. `enum value "REJECTED" removed`. */
  readonly message: string;
}

export type SemverBump = "major" | "minor" | "patch" | "none";

/** The changelog of one regeneration. */
export interface Changelog {
  readonly fromVersion: string;
  readonly toVersion: string;
  readonly changes: readonly SpecChange[];
  readonly breaking: number;
  readonly bump: SemverBump;
  /** Printed summary, ending in a newline. */
  readonly summary: string;
  /**
   * The CHANGELOG.md entry of `toVersion`, as written: every change since the spec that version started from
   * (saves under one `info.version` merge into one entry). Absent when those changes cancel out.
   */
  readonly entry?: string;
}
