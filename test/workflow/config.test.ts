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
import { SpecError } from "../../generator/util/issues.js";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";
import { tempDir } from "./helpers.js";

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

describe("checkConfig", () => {
  it("lists every problem with a pointer", () => {
    let caught: unknown;
    try {
      checkConfig(
        {
          targets: {
            "bad name": { input: "", output: "o", name: "N", strict: "yes", extra: 1 },
            ok: 3,
          },
          other: true,
        },
        "c.json",
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SpecError);
    const issues = (caught as SpecError).issues.map((i) => `${i.pointer} ${i.message}`);
    expect(issues).toEqual([
      "/other unknown config key 'other'.",
      "/targets/bad name target name 'bad name' must use letters, digits, '-', '_' and '.' only.",
      "/targets/bad name/input `input` must be a non-empty string.",
      "/targets/bad name/strict `strict` must be a boolean.",
      "/targets/bad name/extra unknown target option 'extra'.",
      "/targets/ok a target must be an object `{ input, output, name }`.",
    ]);
  });

  it("rejects a config without targets", () => {
    expect(() => checkConfig({ input: "a" }, "c.json")).toThrow(SpecError);
    expect(() => checkConfig({ targets: {} }, "c.json")).toThrow("`targets` is empty");
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
