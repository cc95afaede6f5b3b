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
  /** Config options the fixture is generated with (a feature that is off by default). */
  readonly options?: Partial<TargetConfig>;
}

/** Options of the fixtures that test an opt-in feature, by fixture name. */
const FIXTURE_OPTIONS: Readonly<Record<string, Partial<TargetConfig>>> = {
  "open-enums": { openEnums: true },
};

function withOptions(fixture: Fixture): Fixture {
  const options = FIXTURE_OPTIONS[fixture.name];
  return options !== undefined ? { ...fixture, options } : fixture;
}

/** Every fixture, sorted by name (code-unit order). */
export function listFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const entry of readdirSync(FIXTURES_DIR)) {
    const full = path.join(FIXTURES_DIR, entry);
    if (statSync(full).isDirectory()) {
      if (existsSync(path.join(full, "openapi.yaml")))
        out.push({ name: entry, input: `test/fixtures/${entry}/openapi.yaml` });
    } else if (/\.(ya?ml|json)$/.test(entry)) {
      out.push({ name: entry.replace(/\.(ya?ml|json)$/, ""), input: `test/fixtures/${entry}` });
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map(withOptions);
}
