/**
 * Every target of openapi-client-gen.config.ts has its committed client as the snapshot: generating it in memory
 * gives exactly the files in its output directory, twice byte-identically (see helpers/committed-output.ts).
 * A target added to the config is covered without touching this file.
 */
import { describe, expect, it } from "vitest";
import { findConfig, loadConfig, resolveTargets } from "../../generator/config/load-config.js";
import { describeCommittedOutput } from "../helpers/committed-output.js";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";

const file = await findConfig(PROJECT_ROOT);
const targets =
  file === undefined ? [] : resolveTargets(PROJECT_ROOT, await loadConfig(PROJECT_ROOT, file), {});

describe("openapi-client-gen.config.ts", () => {
  it("defines the committed targets", () => {
    expect(targets.map((t) => t.options.output)).toEqual([
      "generated/introw",
      "generated/payout-provider",
    ]);
  });
});

for (const { options } of targets) describeCommittedOutput(options);
