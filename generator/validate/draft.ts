/**
 * Helpers of the schema repairs (schemas.ts, schema-keywords.ts): a copy-on-write object and how a wrong value is
 * named in a message.
 */
import type { JsonRecord } from "../util/document.js";

/** Reports one repair as a warning. */
export type Warn = (code: string, ptr: string, message: string) => void;

/** A shallow copy of a record made on its first change, so an unchanged subtree stays the same object. */
export class Draft {
  private copy: JsonRecord | undefined;
  constructor(private readonly original: JsonRecord) {}
  get current(): JsonRecord {
    return this.copy ?? this.original;
  }
  set(key: string, value: unknown): void {
    if (this.current[key] === value) return;
    this.copy ??= { ...this.original };
    this.copy[key] = value;
  }
  delete(key: string): void {
    if (!Object.hasOwn(this.current, key)) return;
    this.copy ??= { ...this.original };
    delete this.copy[key];
  }
}

/** `null`, `an array`, `a string`… for "must be X, not Y" messages. */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** A short rendering of a JSON value for a message. */
export function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** True for a string with nothing but white space: there is nothing to document. */
export const isBlank = (value: unknown): boolean =>
  typeof value === "string" && value.trim() === "";
