/**
 * The feature fixtures under test/fixtures: every top-level `.yaml`/`.json` document, and every sub-folder
 * holding an `openapi.yaml` (a multi-file document). Other sub-folders (`invalid/`, data files) are not fixtures.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { TargetConfig } from "../../generator/config/config.js";
import { PROJECT_ROOT } from "./specs-dir.js";

export const FIXTURES_DIR = path.join(PROJECT_ROOT, "test", "fixtures");

export interface Fixture {
  /** `binary`, `multi-file`. */
  readonly name: string;
  /** Entry file relative to the project root, forward slashes: `test/fixtures/binary.yaml`. */
  readonly input: string;
  /** Target options the fixture is generated with (its feature's config), beside input, output and name. */
  readonly options: Partial<TargetConfig>;
}

/** Options of the fixtures whose feature is a config option, by fixture name. */
const OPTIONS: Readonly<Record<string, Partial<TargetConfig>>> = {
  dates: { dates: { dateTime: "Date", date: "Date" } },
  "open-enums": { openEnums: true },
};

/** Every fixture, sorted by name (code-unit order). */
export function listFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const entry of readdirSync(FIXTURES_DIR)) {
    const full = path.join(FIXTURES_DIR, entry);
    if (statSync(full).isDirectory()) {
      if (existsSync(path.join(full, "openapi.yaml")))
        out.push({ name: entry, input: `test/fixtures/${entry}/openapi.yaml`, options: {} });
    } else if (/\.(ya?ml|json)$/.test(entry)) {
      const name = entry.replace(/\.(ya?ml|json)$/, "");
      out.push({ name, input: `test/fixtures/${entry}`, options: OPTIONS[name] ?? {} });
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
