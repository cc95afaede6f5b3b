import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkConfig,
  findConfig,
  loadConfig,
  optionsHash,
  resolveTargets,
  type LoadedConfig,
} from "../../generator/config/load-config.js";
import { main } from "../../generator/cli/main.js";
import { SpecError } from "../../generator/util/issues.js";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";
import { collector, tempDir } from "./helpers.js";

const twoTargets: LoadedConfig = {
  file: "openapi-client-gen.config.ts",
  config: {
    targets: {
      introw: { input: "spec/openapi.json", output: "generated/introw", name: "Introw" },
      "payout-provider": {
        input: "spec/payout-provider.openapi.yaml",
        output: "generated/payout-provider",
        name: "PayoutProvider",
        strict: true,
      },
    },
  },
};

describe("resolveTargets", () => {
  it("builds every target in config order when no target is named", () => {
    const targets = resolveTargets(PROJECT_ROOT, twoTargets, {});
    expect(
      targets.map((t) => [t.target, t.options.input, t.options.output, t.options.name]),
    ).toEqual([
      ["introw", "spec/openapi.json", "generated/introw", "Introw"],
      [
        "payout-provider",
        "spec/payout-provider.openapi.yaml",
        "generated/payout-provider",
        "PayoutProvider",
      ],
    ]);
    expect(targets[1]?.options.strict).toBe(true);
  });

  it("picks one target with --target and lets flags override its options", () => {
    const targets = resolveTargets(PROJECT_ROOT, twoTargets, {
      target: "introw",
      output: "out/x",
      name: "X",
      strict: true,
    });
    expect(targets).toEqual([
      {
        target: "introw",
        options: { input: "spec/openapi.json", output: "out/x", name: "X", strict: true },
      },
    ]);
  });

  it("takes config paths relative to the config file's directory", () => {
    const nested: LoadedConfig = { ...twoTargets, file: "sub/openapi-client-gen.config.json" };
    expect(resolveTargets(PROJECT_ROOT, nested, { target: "introw" })[0]?.options.input).toBe(
      "sub/spec/openapi.json",
    );
  });

  it("runs one ad-hoc target from --input without --target, ignoring the config", () => {
    expect(resolveTargets(PROJECT_ROOT, twoTargets, { input: "a.yaml", output: "out" })).toEqual([
      { target: "cli", options: { input: "a.yaml", output: "out", name: "Api" } },
    ]);
  });

  it("explains what is missing", () => {
    expect(() => resolveTargets(PROJECT_ROOT, twoTargets, { target: "nope" })).toThrow(
      "unknown target 'nope'; openapi-client-gen.config.ts defines introw, payout-provider",
    );
    expect(() => resolveTargets(PROJECT_ROOT, twoTargets, { output: "x" })).toThrow(
      "--output and --name apply to one target",
    );
    expect(() => resolveTargets(PROJECT_ROOT, undefined, {})).toThrow("no config file");
    expect(() => resolveTargets(PROJECT_ROOT, undefined, { input: "a.yaml" })).toThrow(
      "--input needs --output",
    );
    expect(() => resolveTargets(PROJECT_ROOT, undefined, { target: "introw" })).toThrow(
      "needs a config file",
    );
  });
});

/** The issues `checkConfig` reports for `value`, as `file pointer: message` lines; [] when valid. */
function problems(value: unknown): string[] {
  try {
    checkConfig(value, "c.json");
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return (error as SpecError).issues.map((i) => {
      expect(i.code).toBe("invalid-config");
      return `${i.file ?? ""} ${i.pointer}: ${i.message}`;
    });
  }
}

const valid = { input: "spec.yaml", output: "out", name: "Demo" };

describe("checkConfig: the config schema", () => {
  it("lists every problem with the file, the key path and what is expected", () => {
    expect(
      problems({
        targets: {
          "bad name": { input: "", output: "o", name: "N", strict: "yes", extra: 1 },
          ok: 3,
        },
        other: true,
      }),
    ).toEqual([
      "c.json /other: unknown key 'other'; the config takes targets.",
      "c.json /targets/bad name: 'bad name' is not allowed; use letters, digits, '-', '_' and '.' in target names.",
      "c.json /targets/bad name/extra: unknown key 'extra'; a target takes input, output, name, pagination, enumNames, defaultServer, strict, allowRemoteRefs, openEnums.",
      "c.json /targets/bad name/input: `input` is empty; expected the OpenAPI document (JSON or YAML), relative to the config file.",
      'c.json /targets/bad name/strict: `strict` must be a boolean, not "yes".',
      "c.json /targets/ok: `ok` must be an object, not 3; expected a target: { input, output, name }.",
    ]);
  });

  it("names the expected type of a wrongly typed value", () => {
    expect(problems({ targets: { a: { ...valid, allowRemoteRefs: 1, name: ["N"] } } })).toEqual([
      "c.json /targets/a/name: `name` must be a string, not an array.",
      "c.json /targets/a/allowRemoteRefs: `allowRemoteRefs` must be a boolean, not 1.",
    ]);
    expect(problems({ targets: { a: { ...valid, enumNames: { "/x/enum": 7 } } } })).toEqual([
      "c.json /targets/a/enumNames/~1x~1enum: `/x/enum` must be a string, not 7.",
    ]);
    expect(
      problems({
        targets: {
          a: {
            ...valid,
            pagination: { list: true, get: { cursorParam: "c", nextCursor: [], items: "data" } },
          },
        },
      }),
    ).toEqual([
      'c.json /targets/a/pagination/list: `list` must be false, not true; expected false (no pagination) or { cursorParam, nextCursor, items } or { kind: "page" | "offset" | "link" | "nextUrl", … }.',
      'c.json /targets/a/pagination/get/items: `items` must be an array, not "data"; expected the path to the array of items in the response body: a path of property names, e.g. ["data"] ([] when the body is the array).',
    ]);
    expect(problems([valid])).toEqual([
      "c.json : the config must be an object, not an array; expected export default defineConfig({ targets: { <name>: { input, output, name } } }).",
    ]);
  });

  it("rejects unknown keys at every level", () => {
    expect(
      problems({
        targets: { a: { ...valid, outDir: "x", pagination: { list: { ...{ cursor: "c" } } } } },
      }),
    ).toEqual([
      "c.json /targets/a/outDir: unknown key 'outDir'; a target takes input, output, name, pagination, enumNames, defaultServer, strict, allowRemoteRefs, openEnums.",
      "c.json /targets/a/pagination/list/cursorParam: `cursorParam` is missing; add the name of the request parameter that carries the cursor.",
      'c.json /targets/a/pagination/list/nextCursor: `nextCursor` is missing; add the path to the next cursor in the response body, e.g. ["meta", "next"] ([] with nextCursorFromLastItem).',
      'c.json /targets/a/pagination/list/items: `items` is missing; add the path to the array of items in the response body: a path of property names, e.g. ["data"] ([] when the body is the array).',
      "c.json /targets/a/pagination/list/cursor: unknown key 'cursor'; a cursor pagination override takes kind, cursorParam, nextCursor, nextCursorFromLastItem, items, hasMore.",
    ]);
  });

  it("checks each pagination kind's own fields, and names the kinds for an unknown one", () => {
    const pagination = {
      pages: { kind: "page", sizeParam: "per_page", startPage: -1, items: ["data"] },
      offsets: { kind: "offset", offsetParam: "offset", cursorParam: "c", items: ["data"] },
      links: { kind: "link" },
      urls: { kind: "nextUrl", nextUrl: [], items: [] },
      other: { kind: "pages", pageParam: "page", items: ["data"] },
    };
    expect(problems({ targets: { a: { ...valid, pagination } } })).toEqual([
      "c.json /targets/a/pagination/pages/pageParam: `pageParam` is missing; add the name of the request parameter with the page number.",
      "c.json /targets/a/pagination/pages/startPage: `startPage` must be >= 0; expected the number of the first page.",
      "c.json /targets/a/pagination/offsets/cursorParam: unknown key 'cursorParam'; an offset pagination override takes kind, offsetParam, limitParam, pageSize, items, hasMore.",
      'c.json /targets/a/pagination/links/items: `items` is missing; add the path to the array of items in the response body: a path of property names, e.g. ["data"] ([] when the body is the array).',
      'c.json /targets/a/pagination/urls/nextUrl: `nextUrl` is empty; expected the path to the next page\'s URL in the response body: a path of property names, e.g. ["data"].',
      'c.json /targets/a/pagination/other/kind: `kind` must be one of "cursor", "page", "offset", "link", "nextUrl", not "pages".',
    ]);
  });

  it("requires input, output and name in every target, and at least one target", () => {
    expect(problems({ targets: { a: { name: "A" } } })).toEqual([
      "c.json /targets/a/input: `input` is missing; add the OpenAPI document (JSON or YAML), relative to the config file.",
      "c.json /targets/a/output: `output` is missing; add the output directory, relative to the config file.",
    ]);
    expect(problems({ targets: {} })).toEqual([
      "c.json /targets: `targets` is empty; expected at least one target: { <name>: { input, output, name } }.",
    ]);
    expect(problems({ input: "a" })).toEqual([
      "c.json /targets: `targets` is missing; add at least one target: { <name>: { input, output, name } }.",
      "c.json /input: unknown key 'input'; the config takes targets.",
    ]);
  });

  it("accepts every option the config type has", () => {
    expect(
      problems({
        targets: {
          a: {
            ...valid,
            pagination: {
              list: { cursorParam: "after", nextCursor: ["meta", "next"], items: ["data"] },
              scan: {
                cursorParam: "starting_after",
                nextCursor: [],
                items: ["data"],
                hasMore: ["has_more"],
                nextCursorFromLastItem: ["id"],
              },
              get: false,
              pages: {
                kind: "page",
                pageParam: "page",
                sizeParam: "per_page",
                startPage: 0,
                pageSize: 30,
                items: [],
                hasMore: ["has_more"],
              },
              offsets: { kind: "offset", offsetParam: "skip", limitParam: "top", items: ["value"] },
              links: { kind: "link", items: [] },
              urls: { kind: "nextUrl", nextUrl: ["links", "next"], items: ["data"] },
              cursors: {
                kind: "cursor",
                cursorParam: "after",
                nextCursor: ["next"],
                items: ["data"],
              },
            },
            enumNames: { "/components/schemas/A/properties/kind": "Kind" },
            defaultServer: "staging",
            strict: true,
            allowRemoteRefs: false,
          },
          "b.v2_x-y": valid,
        },
      }),
    ).toEqual([]);
  });
});

describe("config files", () => {
  let dir = "";
  let cleanup = async (): Promise<void> => {};
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir("config"));
  });
  afterAll(() => cleanup());

  const target = { input: "spec.yaml", output: "out", name: "Demo" };

  it("finds .ts before .mjs before .json, and loads each kind", async () => {
    const cwd = path.join(dir, "kinds");
    await import("node:fs/promises").then((fs) => fs.mkdir(cwd, { recursive: true }));
    expect(await findConfig(cwd)).toBeUndefined();
    await writeFile(
      path.join(cwd, "openapi-client-gen.config.json"),
      JSON.stringify({ targets: { json: target } }),
    );
    expect(await findConfig(cwd)).toBe("openapi-client-gen.config.json");
    expect(
      Object.keys((await loadConfig(cwd, "openapi-client-gen.config.json")).config.targets),
    ).toEqual(["json"]);
    await writeFile(
      path.join(cwd, "openapi-client-gen.config.mjs"),
      `export default { targets: { mjs: ${JSON.stringify(target)} } };\n`,
    );
    expect(await findConfig(cwd)).toBe("openapi-client-gen.config.mjs");
    expect(
      Object.keys((await loadConfig(cwd, "openapi-client-gen.config.mjs")).config.targets),
    ).toEqual(["mjs"]);
    const defineConfig = path.join(PROJECT_ROOT, "generator", "config", "config.ts");
    await writeFile(
      path.join(cwd, "openapi-client-gen.config.ts"),
      `import { defineConfig } from ${JSON.stringify(defineConfig)};\nconst name: string = "ts";\nexport default defineConfig({ targets: { [name]: ${JSON.stringify(target)} } });\n`,
    );
    expect(await findConfig(cwd)).toBe("openapi-client-gen.config.ts");
    expect(
      Object.keys((await loadConfig(cwd, "openapi-client-gen.config.ts")).config.targets),
    ).toEqual(["ts"]);
  });

  it("reloads a changed .ts config (watch mode)", async () => {
    const cwd = path.join(dir, "reload");
    await import("node:fs/promises").then((fs) => fs.mkdir(cwd, { recursive: true }));
    const file = path.join(cwd, "openapi-client-gen.config.ts");
    await writeFile(file, `export default { targets: { first: ${JSON.stringify(target)} } };\n`);
    expect(
      Object.keys((await loadConfig(cwd, "openapi-client-gen.config.ts")).config.targets),
    ).toEqual(["first"]);
    await writeFile(file, `export default { targets: { second: ${JSON.stringify(target)} } };\n`);
    expect(
      Object.keys((await loadConfig(cwd, "openapi-client-gen.config.ts")).config.targets),
    ).toEqual(["second"]);
  });

  it("reports a config that does not evaluate as invalid-config", async () => {
    const cwd = path.join(dir, "broken");
    await import("node:fs/promises").then((fs) => fs.mkdir(cwd, { recursive: true }));
    await writeFile(path.join(cwd, "openapi-client-gen.config.mjs"), "export default {;\n");
    await expect(loadConfig(cwd, "openapi-client-gen.config.mjs")).rejects.toMatchObject({
      issues: [{ code: "invalid-config" }],
    });
    await expect(findConfig(cwd, "missing.json")).rejects.toMatchObject({
      issues: [{ code: "config-not-found" }],
    });
  });

  it("the CLI prints each schema problem as file: error [invalid-config] … (at key path) and exits 1", async () => {
    const cwd = path.join(dir, "invalid");
    await import("node:fs/promises").then((fs) => fs.mkdir(cwd, { recursive: true }));
    await writeFile(
      path.join(cwd, "openapi-client-gen.config.json"),
      JSON.stringify({ targets: { demo: { input: 1, output: "out" } } }),
    );
    const out = collector();
    const err = collector();
    expect(await main(["generate"], { cwd, out, err })).toBe(1);
    expect(err.text()).toBe(
      [
        'openapi-client-gen.config.json: error [invalid-config] `name` is missing; add the API name used in type names, e.g. "Introw". (at /targets/demo/name)',
        "openapi-client-gen.config.json: error [invalid-config] `input` must be a string, not 1. (at /targets/demo/input)",
        "openapi-client-gen: 2 errors; the output directory was left unchanged.",
        "",
      ].join("\n"),
    );
    expect(out.text()).toBe("");
  });

  it("the project's own config defines introw and payout-provider", async () => {
    const loaded = await loadConfig(PROJECT_ROOT, "openapi-client-gen.config.ts");
    expect(
      resolveTargets(PROJECT_ROOT, loaded, {}).map(
        (t) => `${t.target}:${t.options.input}→${t.options.output}:${t.options.name}`,
      ),
    ).toEqual([
      "introw:spec/openapi.json→generated/introw:Introw",
      "payout-provider:spec/payout-provider.openapi.yaml→generated/payout-provider:PayoutProvider",
    ]);
    const manifest = JSON.parse(
      await readFile(path.join(PROJECT_ROOT, "generated/introw/manifest.json"), "utf8"),
    ) as { optionsSha256: string };
    expect(manifest.optionsSha256).toBe(
      optionsHash(resolveTargets(PROJECT_ROOT, loaded, { target: "introw" })[0]!.options),
    );
  });
});

describe("optionsHash", () => {
  it("ignores key order and the output directory, and changes with anything that shapes the output", () => {
    const a = optionsHash({
      input: "a",
      output: "x",
      name: "N",
      pagination: { list: false, get: false },
    });
    expect(
      optionsHash({ name: "N", input: "a", output: "y", pagination: { get: false, list: false } }),
    ).toBe(a);
    expect(
      optionsHash({ input: "a", output: "x", name: "M", pagination: { list: false, get: false } }),
    ).not.toBe(a);
    expect(
      optionsHash({
        input: "a",
        output: "x",
        name: "N",
        strict: true,
        pagination: { list: false, get: false },
      }),
    ).not.toBe(a);
  });
});
