/**
 * format/cache.ts: the on-disk cache of formatted segments. Output never depends on it (cold, warm, corrupt and
 * disabled runs print the same bytes); a spec change re-formats only the segments it changed; writes are atomic
 * and safe under concurrent runs; the directory is pruned to its size cap, least recently used first.
 */
import { mkdtemp, readFile, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheKey, formatCacheDir, openFormatCache } from "../../generator/format/cache.js";
import { startFormatter } from "../../generator/format/format.js";
import { generate, type GenerateResult } from "../../generator/pipeline.js";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";

let root = "";
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "format-cache-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const SPEC = path.join(PROJECT_ROOT, "spec", "openapi.json");
const contents = (result: GenerateResult): Record<string, string> =>
  Object.fromEntries(result.files.map((f) => [f.path, f.contents]));
const run = (formatCache: string | false, input = SPEC): Promise<GenerateResult> =>
  generate(
    { input, output: path.join(root, "out"), name: "Introw" },
    { cwd: PROJECT_ROOT, formatCache },
  );

/** Every entry file under a cache directory. */
async function entries(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const sub of await readdir(dir))
    for (const name of await readdir(path.join(dir, sub))) files.push(path.join(dir, sub, name));
  return files.sort();
}

describe("generate() with a format cache", () => {
  it("cold, warm, corrupt and disabled runs print the same bytes", async () => {
    const dir = path.join(root, "cache-a");
    const cold = await run(dir);
    expect(cold.formatted.cached).toBe(0);
    expect(cold.formatted.segments).toBeGreaterThan(10);
    const warm = await run(dir);
    expect(warm.formatted).toEqual({
      segments: cold.formatted.segments,
      cached: cold.formatted.segments,
    });
    expect(contents(warm)).toEqual(contents(cold));

    // A corrupt entry and an unreadable one (a directory in its place) are formatted again.
    const [first, second] = await entries(dir);
    await writeFile(first!, "0".repeat(64) + "\nexport const corrupt = 1;\n");
    await rm(second!);
    mkdirSync(second!);
    const repaired = await run(dir);
    expect(repaired.formatted.cached).toBe(cold.formatted.segments - 2);
    expect(contents(repaired)).toEqual(contents(cold));
    // The corrupt entry was rewritten (atomically) with the right text.
    expect((await readFile(first!, "utf8")).startsWith("0".repeat(64))).toBe(false);

    const disabled = await run(false);
    expect(disabled.formatted.cached).toBe(0);
    expect(contents(disabled)).toEqual(contents(cold));
  });

  it("after one component schema changes, only the segments holding it are formatted again", async () => {
    // The schema's group in `components`, its alias's group, and README.md (its header holds the spec's hash).
    const dir = path.join(root, "cache-b");
    const spec = JSON.parse(await readFile(SPEC, "utf8")) as {
      components: { schemas: Record<string, { description?: string }> };
    };
    const v1 = path.join(root, "v1.json");
    await writeFile(v1, JSON.stringify(spec));
    const first = await run(dir, v1);
    const name = Object.keys(spec.components.schemas)[0]!;
    spec.components.schemas[name]!.description = "Changed in version 2.";
    const v2 = path.join(root, "v2.json");
    await writeFile(v2, JSON.stringify(spec));
    const second = await run(dir, v2);
    const formatted = second.formatted.segments - second.formatted.cached;
    expect(formatted).toBe(3);
    expect(second.formatted.segments).toBe(first.formatted.segments);
    expect(contents(second)).toEqual(contents(await run(false, v2)));
  });

  it("concurrent runs sharing a cache directory each print the same bytes", async () => {
    const dir = path.join(root, "cache-c");
    const [a, b, c] = await Promise.all([run(dir), run(dir), run(dir)]);
    expect(contents(b)).toEqual(contents(a));
    expect(contents(c)).toEqual(contents(a));
    expect((await entries(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect((await run(dir)).formatted.cached).toBe(a.formatted.segments);
  });
});

it("a formatter passed in is used with its own cache and left open for the next run", async () => {
  const dir = path.join(root, "cache-shared");
  const formatter = startFormatter({ cache: openFormatCache(dir), workers: 1 });
  try {
    const options = { input: SPEC, output: path.join(root, "out"), name: "Introw" };
    const first = await generate(options, { cwd: PROJECT_ROOT, formatter, formatCache: false });
    const second = await generate(options, { cwd: PROJECT_ROOT, formatter, formatCache: false });
    expect(first.formatted.cached).toBe(0);
    expect(second.formatted.cached).toBe(second.formatted.segments);
    expect(contents(second)).toEqual(contents(first));
  } finally {
    await formatter.close();
  }
});

describe("openFormatCache", () => {
  it("prunes least recently used entries to 80% of its cap once a run has written", async () => {
    const dir = path.join(root, "cache-d");
    const text = "x".repeat(1000);
    const keys = Array.from({ length: 10 }, (_, i) => cacheKey("1", {}, `segment ${i}`));
    const filling = openFormatCache(dir, 100_000);
    for (const key of keys) filling.set(key, text);
    await filling.close();
    expect(await entries(dir)).toHaveLength(10);
    // Entries 0–4 were last used long ago; this run reads entry 0 again.
    const old = new Date(Date.now() - 86_400_000);
    const byKey = (key: string): string => path.join(dir, key.slice(0, 2), key.slice(2));
    for (const key of keys.slice(0, 5)) await utimes(byKey(key), old, old);
    const cache = openFormatCache(dir, 8_500); // about 8 entries of 1 065 bytes
    expect(cache.get(keys[0]!)).toBe(text);
    cache.set(cacheKey("1", {}, "new"), text);
    await cache.close();
    const left = await entries(dir);
    expect(left.length).toBeLessThanOrEqual(6); // ≤ 80% of the cap
    expect(left).toContain(byKey(keys[0]!));
    for (const key of keys.slice(1, 5)) expect(left).not.toContain(byKey(key));
  });

  it("reads nothing from a missing directory and never throws on a failed write", async () => {
    const file = path.join(root, "a-file");
    await writeFile(file, "");
    const cache = openFormatCache(path.join(file, "cache")); // a directory under a file cannot exist
    expect(cache.get(cacheKey("1", {}, "x"))).toBeUndefined();
    cache.set(cacheKey("1", {}, "x"), "formatted");
    await expect(cache.close()).resolves.toBeUndefined();
  });

  it("keys depend on prettier's version, the options and the text", () => {
    const key = cacheKey("3.0.0", { printWidth: 100 }, "a");
    expect(cacheKey("3.0.1", { printWidth: 100 }, "a")).not.toBe(key);
    expect(cacheKey("3.0.0", { printWidth: 80 }, "a")).not.toBe(key);
    expect(cacheKey("3.0.0", { printWidth: 100 }, "b")).not.toBe(key);
    expect(cacheKey("3.0.0", { printWidth: 100 }, "a")).toBe(key);
  });
});

describe("formatCacheDir", () => {
  it("is node_modules/.cache/openapi-client-gen/format under the working directory, when it has node_modules", () => {
    expect(formatCacheDir(PROJECT_ROOT, {})).toBe(
      path.join(PROJECT_ROOT, "node_modules", ".cache", "openapi-client-gen", "format"),
    );
    expect(formatCacheDir(root, {})).toBeUndefined();
  });

  it("follows OPENAPI_CLIENT_GEN_CACHE_DIR and is off with OPENAPI_CLIENT_GEN_CACHE=off", () => {
    expect(formatCacheDir(root, { OPENAPI_CLIENT_GEN_CACHE_DIR: "c" })).toBe(
      path.join(root, "c", "format"),
    );
    for (const off of ["off", "0", "false", "OFF"])
      expect(formatCacheDir(PROJECT_ROOT, { OPENAPI_CLIENT_GEN_CACHE: off })).toBeUndefined();
  });
});
