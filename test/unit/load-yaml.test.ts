/**
 * YAML through `load`: the value is `yaml`'s (YAML 1.2 core: no Date objects, no `yes` booleans, no merge keys),
 * whichever parser produced it, and issues are located at the same line:column whether positions come from a
 * Document parsed already, from a parse on first use, or from the worker thread a large spec starts.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import type { Issue } from "../../generator/util/issues.js";
import { locateIssues } from "../../generator/load/locate.js";
import { load } from "../../generator/load/load.js";
import { POSITION_OPTIONS } from "../../generator/load/yaml-locate.js";
import {
  documentPositions,
  positionsOnUse,
  positionsOnWorker,
} from "../../generator/load/yaml-positions.js";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";

const SPEC = `openapi: 3.0.3
info: { title: T, version: '1' }
paths:
  /pets/{id}:
    get:
      parameters:
        - name: id
          in: path
      responses:
        "200": { description: ok }
x-values:
  when: 2001-12-14
  stamp: 2001-12-14t21:59:43.10-05:00
  flag: yes
  off: off
  octal: 017
  big: 12345678901234567890
  shared: &s [a, b]
  again: *s
  merged:
    <<: { x: 1 }
    y: 2
`;

const POINTERS = [
  "/paths/~1pets~1{id}/get/parameters/0/name",
  "/x-values/again",
  "/x-values/merged/<<",
  "/info/title",
  "/paths/missing/deeper",
  "/x-values/shared/1",
];

/** A spec longer than the worker threshold (300,000 characters): SPEC plus a long description. */
const LARGE = `${SPEC}x-long: |\n${"  lorem ipsum dolor sit amet\n".repeat(12_000)}`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "load-yaml-"));
  await writeFile(path.join(dir, "small.yaml"), SPEC);
  await writeFile(path.join(dir, "large.yaml"), LARGE);
  await writeFile(path.join(dir, "explicit.yaml"), `${SPEC}x-explicit:\n  ? [a, b]\n  : c\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const strictOffsets = (text: string): Map<string, number> =>
  documentPositions(parseDocument(text, POSITION_OPTIONS)).offsets(POINTERS);

describe("load: YAML values", () => {
  it.each(["small.yaml", "large.yaml", "explicit.yaml"])(
    "%s has yaml's YAML 1.2 core values",
    async (name) => {
      const loaded = await load(path.join(dir, name), { cwd: dir });
      const values = (loaded.document as { "x-values": Record<string, unknown> })["x-values"];
      expect(values).toStrictEqual({
        when: "2001-12-14",
        stamp: "2001-12-14t21:59:43.10-05:00",
        flag: "yes",
        off: "off",
        octal: 17,
        big: 12345678901234567890,
        shared: ["a", "b"],
        again: ["a", "b"],
        merged: { "<<": { x: 1 }, y: 2 },
      });
    },
  );

  it("keeps a collection key as yaml writes it", async () => {
    const loaded = await load(path.join(dir, "explicit.yaml"), { cwd: dir });
    expect((loaded.document as Record<string, unknown>)["x-explicit"]).toStrictEqual({
      "[ a, b ]": "c",
    });
  });
});

describe("YAML positions", () => {
  it("on first use and on a worker: the offsets of the Document load parsed before", () => {
    const expected = strictOffsets(SPEC);
    expect(expected.size).toBe(POINTERS.length);
    expect(positionsOnUse(SPEC).offsets(POINTERS)).toEqual(expected);
    const onWorker = positionsOnWorker(SPEC);
    expect(onWorker.offsets(POINTERS)).toEqual(expected);
    // The worker stops after its answer; a later request parses on this thread, with the same answer.
    expect(onWorker.offsets(POINTERS.slice(1))).toEqual(new Map([...expected].slice(1)));
  });

  it.each(["small.yaml", "large.yaml"])(
    "%s: issues located at the same line:column as from a fresh parse",
    async (name) => {
      const loaded = await load(path.join(dir, name), { cwd: dir });
      const issues: Issue[] = POINTERS.map((pointer) => ({
        code: "x",
        severity: "warning",
        pointer,
        message: "m",
      }));
      const located = locateIssues(issues, loaded.file, loaded.text, loaded.yaml);
      const fresh = locateIssues(
        issues,
        loaded.file,
        loaded.text,
        documentPositions(parseDocument(loaded.text, POSITION_OPTIONS)),
      );
      expect(located).toEqual(fresh);
      expect(located.map((i) => `${i.line}:${i.column}`).slice(0, 4)).toEqual([
        "7:11",
        "19:3",
        "21:5",
        "2:9",
      ]);
    },
  );
});

describe("the yaml package on the main thread", () => {
  it("is loaded only when an issue is located that the line scanner cannot place (or a spec falls back to it)", () => {
    const tsx = path.join(PROJECT_ROOT, "node_modules", "tsx", "dist", "esm", "index.mjs");
    const loadUrl = pathToFileURL(path.join(PROJECT_ROOT, "generator", "load", "load.ts")).href;
    const script = `
      import { createRequire } from "node:module";
      const require = createRequire(import.meta.url);
      const yamlLoaded = () => Object.keys(require.cache).some((f) => f.includes("/node_modules/yaml/"));
      const { load } = await import(${JSON.stringify(loadUrl)});
      const loaded = await load(${JSON.stringify(path.join(PROJECT_ROOT, "test/fixtures/naming.yaml"))}, { cwd: ${JSON.stringify(PROJECT_ROOT)} });
      const before = yamlLoaded();
      const scanned = loaded.yaml.offsets(["/paths"]).size;
      const afterScan = yamlLoaded();
      // More pointers than yaml-scan.ts looks up one by one: the document is parsed with yaml.
      const parsed = loaded.yaml.offsets(Array.from({ length: 21 }, (_, i) => (i === 0 ? "/paths" : "/info/title"))).size;
      console.log(JSON.stringify({ before, scanned, afterScan, parsed, after: yamlLoaded() }));
    `;
    const out = execFileSync(
      process.execPath,
      ["--import", tsx, "--input-type=module", "-e", script],
      { cwd: PROJECT_ROOT, encoding: "utf8" },
    );
    expect(JSON.parse(out)).toEqual({
      before: false,
      scanned: 1,
      afterScan: false,
      parsed: 2,
      after: true,
    });
  });
});
