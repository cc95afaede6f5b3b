/**
 * CHANGELOG.md across regenerations (what `--watch` does on every save: `generateToDisk` with the previous
 * output): no entry without a client-visible change, one entry per `info.version`, undone changes disappear.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeChangelog } from "../../generator/changelog/history.js";
import { generateToDisk } from "../../generator/index.js";
import { tempDir } from "./helpers.js";

interface Edits {
  /** An optional `limit` query parameter on GET /things. */
  readonly limit?: boolean;
  /** DELETE /things/{id}, without an operationId. */
  readonly remove?: boolean;
  /** Other descriptions, summary and example (nothing client code sees). */
  readonly reworded?: boolean;
}

/** A small API at `version` with `edits`, as JSON text. */
function api(version: string, edits: Edits = {}): string {
  const text = (plain: string, other: string): string => (edits.reworded ? other : plain);
  const doc = {
    openapi: "3.1.0",
    info: { title: "Demo", version, description: text("The demo API.", "Reworded.") },
    paths: {
      "/things": {
        get: {
          summary: text("List things", "All the things"),
          parameters: [
            { name: "q", in: "query", schema: { type: "string" } },
            ...(edits.limit ? [{ name: "limit", in: "query", schema: { type: "integer" } }] : []),
          ],
          responses: {
            "200": {
              description: "ok",
              content: {
                "application/json": {
                  schema: { type: "array", items: { $ref: "#/components/schemas/Thing" } },
                },
              },
            },
          },
        },
      },
      ...(edits.remove
        ? {
            "/things/{id}": {
              delete: {
                parameters: [
                  { name: "id", in: "path", required: true, schema: { type: "string" } },
                ],
                responses: { "204": { description: "gone" } },
              },
            },
          }
        : {}),
    },
    components: {
      schemas: {
        Thing: {
          type: "object",
          properties: {
            id: {
              type: "string",
              example: text("t1", "t2"),
              ...(edits.reworded ? { description: "The id." } : {}),
            },
          },
        },
      },
    },
  };
  return JSON.stringify(doc, null, 2);
}

describe("CHANGELOG.md over a sequence of saves (the --watch cycle)", () => {
  let dir = "";
  let cleanup = async (): Promise<void> => {};
  beforeAll(async () => ({ dir, cleanup } = await tempDir("changelog-history")));
  afterAll(() => cleanup());

  const save = async (text: string) => {
    await writeFile(path.join(dir, "api.json"), text);
    return generateToDisk({ input: "api.json", output: "out", name: "Demo" }, { cwd: dir });
  };
  const changelog = (): Promise<string | undefined> =>
    readFile(path.join(dir, "out/CHANGELOG.md"), "utf8").catch(() => undefined);
  /** CHANGELOG.md without its generated header. */
  const entries = async (): Promise<string | undefined> => {
    const text = await changelog();
    return text?.slice(text.indexOf("# Changelog"));
  };

  it("a description, summary or example edit adds no entry and no changelog", async () => {
    await save(api("1"));
    const reworded = await save(api("1", { reworded: true }));
    expect(reworded.changelog).toBeUndefined();
    expect(await changelog()).toBeUndefined();
    expect(reworded.files.map((f) => f.path)).not.toContain("CHANGELOG.md");
  });

  it("saves under one info.version merge into one entry naming the functions client code calls", async () => {
    const first = await save(api("1", { limit: true }));
    expect(first.changelog?.summary).toBe(
      "Demo 1 → 1: 1 change (0 breaking); suggested client version bump: minor\n  getThings (GET /things) query parameter limit: optional parameter added\n",
    );
    const second = await save(api("1", { limit: true, remove: true }));
    expect(second.changelog?.changes.map((c) => c.where)).toEqual([
      "deleteThingsById (DELETE /things/{id})",
    ]);
    expect(await entries()).toBe(
      "# Changelog\n\n## 1\n\nSpec 1 → 1. Suggested client version bump: **minor**.\n\n### Non-breaking\n\n" +
        "- `deleteThingsById (DELETE /things/{id})`: operation added\n" +
        "- `getThings (GET /things) query parameter limit`: optional parameter added\n",
    );
    // The same save again (and a reworded one) changes nothing.
    await save(api("1", { limit: true, remove: true, reworded: true }));
    expect((await entries())?.match(/^## /gm)).toHaveLength(1);
  });

  it("a change undone under the same version leaves the entry (and the entry goes when nothing is left in it)", async () => {
    const undone = await save(api("1", { remove: true }));
    expect(undone.changelog?.breaking).toBe(1);
    expect(undone.changelog?.entry).toBe(
      "## 1\n\nSpec 1 → 1. Suggested client version bump: **minor**.\n\n### Non-breaking\n\n" +
        "- `deleteThingsById (DELETE /things/{id})`: operation added\n",
    );
    expect(await entries()).toBe(`# Changelog\n\n${undone.changelog?.entry}`);
    const back = await save(api("1"));
    expect(back.changelog?.entry).toBeUndefined();
    expect(await changelog()).toBeUndefined();
  });

  it("a new info.version starts a new entry on top, compared with the last spec of the previous version", async () => {
    await save(api("1", { remove: true }));
    await save(api("2", { limit: true }));
    expect(await entries()).toBe(
      "# Changelog\n\n## 2\n\nSpec 1 → 2. Suggested client version bump: **major**.\n\n### Breaking\n\n" +
        "- `deleteThingsById (DELETE /things/{id})`: operation removed\n\n### Non-breaking\n\n" +
        "- `getThings (GET /things) query parameter limit`: optional parameter added\n\n" +
        "## 1\n\nSpec 1 → 1. Suggested client version bump: **minor**.\n\n### Non-breaking\n\n" +
        "- `deleteThingsById (DELETE /things/{id})`: operation added\n",
    );
    // Under version 2: bring the operation back, drop the parameter: version 2's entry has nothing left.
    await save(api("2", { remove: true }));
    expect((await entries())?.startsWith("# Changelog\n\n## 1\n")).toBe(true);
  });

  it("a version bumped first and edited later still compares with the previous version", async () => {
    await save(api("3", { remove: true }));
    expect((await entries())?.startsWith("# Changelog\n\n## 1\n")).toBe(true);
    const edited = await save(api("3", { remove: true, limit: true }));
    expect(edited.changelog?.fromVersion).toBe("3");
    expect(edited.files.map((f) => f.path)).toContain("spec.changelog-base.json");
    expect((await entries())?.startsWith("# Changelog\n\n## 3\n\nSpec 2 → 3.")).toBe(true);
  });
});

describe("composeChangelog", () => {
  it("puts the new entry first and keeps older entries, replacing the header", () => {
    const first = composeChangelog(
      "<!-- h1 -->\n",
      "## 2\n\nsecond",
      "<!-- h0 -->\n\n# Changelog\n\n## 1\n\nfirst\n",
    );
    expect(first).toBe("<!-- h1 -->\n\n# Changelog\n\n## 2\n\nsecond\n\n## 1\n\nfirst\n");
    expect(composeChangelog("<!-- h2 -->\n", undefined, first)).toBe(
      "<!-- h2 -->\n\n# Changelog\n\n## 2\n\nsecond\n\n## 1\n\nfirst\n",
    );
  });
});
