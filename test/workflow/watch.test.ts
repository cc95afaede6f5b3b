import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliArgs } from "../../generator/cli/argv.js";
import { watchFiles } from "../../generator/cli/watch.js";
import { collector, tempDir } from "./helpers.js";

const ROOT = (title: string): string => `openapi: 3.1.0
info: { title: ${title}, version: "1" }
paths:
  /items:
    get:
      operationId: listItems
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { $ref: "./schemas.yaml#/Item" }
`;
const SCHEMAS = (field: string): string => `Item:
  type: object
  properties:
    ${field}: { type: string }
`;

describe("--watch (multi-file spec and config in a temp dir)", () => {
  let dir = "";
  let cleanup = async (): Promise<void> => {};
  const saved = process.env["OPENAPI_CLIENT_GEN_CACHE_DIR"];
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir("watch"));
    process.env["OPENAPI_CLIENT_GEN_CACHE_DIR"] = path.join(dir, "cache");
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env["OPENAPI_CLIENT_GEN_CACHE_DIR"];
    else process.env["OPENAPI_CLIENT_GEN_CACHE_DIR"] = saved;
    await cleanup();
  });

  it("regenerates on changes to any spec file and the config, also when saved by rename, and survives an invalid intermediate spec", async () => {
    const file = (name: string): string => path.join(dir, name);
    const config = (name: string): string =>
      JSON.stringify({ targets: { demo: { input: "spec/root.yaml", output: "out", name } } });
    await import("node:fs/promises").then((fs) => fs.mkdir(file("spec")));
    await writeFile(file("spec/root.yaml"), ROOT("Demo"));
    await writeFile(file("spec/schemas.yaml"), SCHEMAS("first"));
    await writeFile(file("openapi-client-gen.config.json"), config("Demo"));
    const configFile = "openapi-client-gen.config.json";
    const args: CliArgs = {
      command: "generate",
      flags: {},
      config: configFile,
      check: false,
      force: false,
      watch: true,
      failOnBreaking: false,
      verbose: false,
    };
    const out = collector();
    const err = collector();
    const controller = new AbortController();

    // Each build cycle pushes the watched files; `cycle(check)` waits for cycles until `check` holds.
    const waiting: ((watched: readonly string[]) => void)[] = [];
    const seen: (readonly string[])[] = [];
    const nextCycle = (): Promise<readonly string[]> =>
      new Promise((resolve) => (seen.length > 0 ? resolve(seen.shift()!) : waiting.push(resolve)));
    const cycle = async (check: () => Promise<boolean>): Promise<readonly string[]> => {
      for (;;) {
        const watched = await nextCycle();
        if (await check()) return watched;
      }
    };
    const types = (): Promise<string> => readFile(file("out/types.ts"), "utf8").catch(() => "");
    const done = watchFiles({
      args,
      cwd: dir,
      configFile,
      out,
      err,
      debounceMs: 30,
      signal: controller.signal,
      onCycle: (watched) => {
        const waiter = waiting.shift();
        if (waiter !== undefined) waiter(watched);
        else seen.push(watched);
      },
    });

    const watched = await cycle(async () => (await types()).includes("first?: string"));
    expect(watched).toEqual([
      "openapi-client-gen.config.json",
      "spec/root.yaml",
      "spec/schemas.yaml",
    ]);

    await writeFile(file("spec/schemas.yaml"), SCHEMAS("second"));
    await cycle(async () => (await types()).includes("second?: string"));

    // Editors that save atomically write a new file and rename it over the old one: still seen, still watched.
    for (const field of ["renamed", "renamedAgain"]) {
      await writeFile(file("spec/schemas.yaml.tmp"), SCHEMAS(field));
      await rename(file("spec/schemas.yaml.tmp"), file("spec/schemas.yaml"));
      await cycle(async () => (await types()).includes(`${field}?: string`));
    }

    await writeFile(file("spec/root.yaml"), "openapi: 3.1.0\ninfo: { title: [unclosed\n");
    await cycle(() => Promise.resolve(err.text().includes("keeping the previous output")));
    expect(err.text()).toMatch(/root\.yaml:\d+:\d+: error \[invalid-yaml\]/);
    expect(await types()).toContain("renamedAgain?: string");

    await writeFile(file("spec/root.yaml"), ROOT("Demo"));
    await writeFile(file("spec/schemas.yaml"), SCHEMAS("third"));
    await cycle(async () => (await types()).includes("third?: string"));

    await writeFile(file("openapi-client-gen.config.json"), config("Renamed"));
    await cycle(async () =>
      (await readFile(file("out/client.ts"), "utf8")).includes("RenamedClientConfig"),
    );

    // Five saves under info.version "1": one CHANGELOG.md entry, from the first spec to the last.
    const changelog = await readFile(file("out/CHANGELOG.md"), "utf8");
    expect(changelog.slice(changelog.indexOf("# Changelog"))).toBe(
      "# Changelog\n\n## 1\n\nSpec 1 → 1. Suggested client version bump: **major**.\n\n" +
        "### Breaking\n\n- `listItems (GET /items) response.first`: field removed\n\n" +
        "### Non-breaking\n\n- `listItems (GET /items) response.third`: optional field added\n",
    );

    controller.abort();
    expect(await done).toBe(0);
    expect(out.text()).toContain("watching for changes…");
  });
});
