/**
 * The runtime under templates/runtime/ is copied into every client as it is (generate.ts does not format it), so
 * it must already be in prettier's format with the generator's pinned options. After editing a runtime file:
 *   npx prettier --write --print-width 100 templates/runtime/*.ts
 * (no project prettier config exists, so those are exactly format.ts's PRETTIER_OPTIONS).
 */
import { readdirSync, readFileSync } from "node:fs";
import { format } from "prettier";
import { expect, it } from "vitest";
import { PRETTIER_OPTIONS } from "../../generator/format/format.js";

const RUNTIME = new URL("../../templates/runtime/", import.meta.url);
const FILES = readdirSync(RUNTIME).filter((f) => f.endsWith(".ts"));

it("finds the runtime files", () => {
  expect(FILES).toContain("request.ts");
});

it.each(FILES)(
  "templates/runtime/%s is in prettier's format (run: npx prettier --write --print-width 100 templates/runtime/*.ts)",
  async (file) => {
    const text = readFileSync(new URL(file, RUNTIME), "utf8");
    expect(await format(text, PRETTIER_OPTIONS)).toBe(text);
  },
);
