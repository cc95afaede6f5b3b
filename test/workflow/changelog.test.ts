import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { diffSpecs } from "../../generator/changelog/diff.js";
import { buildChangelog, dateFromVersion, suggestBump } from "../../generator/changelog/render.js";
import type { SpecChange } from "../../generator/changelog/types.js";
import { brief, doc, jsonBody, jsonResponse } from "../helpers/changelog-docs.js";
import { applyPatch } from "../helpers/json-patch.js";
import { describeWithSpecs, PROJECT_ROOT, SPECS_DIR } from "../helpers/specs-dir.js";

const introw = JSON.parse(
  readFileSync(path.join(PROJECT_ROOT, "spec/openapi.json"), "utf8"),
) as Record<string, unknown>;
const patch = JSON.parse(
  readFileSync(
    path.join(PROJECT_ROOT, "test/fixtures/changelog/introw-2026-06-10.patch.json"),
    "utf8",
  ),
) as Parameters<typeof applyPatch>[1];
const introwNext = applyPatch(introw, patch);

describe("Introw 2026-05-20 → 2026-06-10 (fixture patch)", () => {
  const changelog = buildChangelog(introw, introwNext, "Introw API", true);

  it("finds exactly the added operation, removed enum value, new required parameter and field type change", () => {
    expect(brief(changelog.changes)).toEqual([
      "operation-added | approvePayout (POST /api/v1/payouts/{id}/approve) | operation added",
      "BREAKING parameter-added | listPayouts (GET /api/v1/payouts) query parameter currency | required parameter added",
      'BREAKING enum-value-removed | listPayouts (GET /api/v1/payouts) query parameter stage | enum value "POSTPONED" removed',
      "BREAKING type-changed | getPayout (GET /api/v1/payouts/{id}) response.data.amount.value | type changed from string to number",
      "BREAKING type-changed | updatePayout (PATCH /api/v1/payouts/{id}) response.data.amount.value | type changed from string to number",
      // the stage parameter's enum no longer equals the PayoutStage component's: types.ts exports its own
      "export-added | types | ListPayoutsStage added",
      "export-added | types | listPayoutsStageValues added",
    ]);
  });

  it("suggests a major bump and dates the entry from info.version", () => {
    expect(changelog.bump).toBe("major");
    expect(changelog.breaking).toBe(4);
    expect(changelog.entry?.split("\n").slice(0, 3)).toEqual([
      "## 2026-06-10",
      "",
      "Spec 2026-05-20 → 2026-06-10. Suggested client version bump: **major**.",
    ]);
    expect(changelog.entry).toContain(
      "### Breaking\n\n- `listPayouts (GET /api/v1/payouts) query parameter currency`: required parameter added\n",
    );
    expect(changelog.entry).toContain(
      "### Non-breaking\n\n- `approvePayout (POST /api/v1/payouts/{id}/approve)`: operation added\n",
    );
    expect(changelog.summary.split("\n")[0]).toBe(
      "Introw API 2026-05-20 → 2026-06-10: 7 changes (4 breaking); suggested client version bump: major",
    );
  });

  it("going back is breaking the other way round: the operation is removed", () => {
    const back = buildChangelog(introwNext, introw, "Introw API", true);
    expect(brief(back.changes).slice(0, 3)).toEqual([
      "BREAKING operation-removed | approvePayout (POST /api/v1/payouts/{id}/approve) | operation removed",
      "BREAKING parameter-removed | listPayouts (GET /api/v1/payouts) query parameter currency | parameter removed",
      'enum-value-added | listPayouts (GET /api/v1/payouts) query parameter stage | enum value "POSTPONED" added',
    ]);
  });

  it("an identical document has no changes and no bump", () => {
    expect(diffSpecs(introw, structuredClone(introw))).toEqual([]);
    expect(buildChangelog(introw, introw, "Introw API", false).bump).toBe("none");
  });
});

describe("diffSpecs classification for client code", () => {
  const Thing = (props: Record<string, unknown>, required: string[] = []): unknown => ({
    type: "object",
    properties: props,
    required,
  });

  it("request fields: new required breaks, new optional does not, removal breaks, optional→required breaks", () => {
    const before = doc(jsonBody({ $ref: "#/components/schemas/In" }), {
      In: Thing({ a: { type: "string" }, b: { type: "string" } }, ["a"]),
    });
    const after = doc(jsonBody({ $ref: "#/components/schemas/In" }), {
      In: Thing(
        {
          a: { type: "string" },
          c: { type: "string" },
          d: { type: "integer" },
          b: { type: "string" },
        },
        ["a", "b", "c"],
      ),
    });
    expect(brief(diffSpecs(before, after))).toEqual([
      "BREAKING field-required-changed | createThing (POST /things) request body.b | field is now required",
      "BREAKING field-added | createThing (POST /things) request body.c | required field added",
      "field-added | createThing (POST /things) request body.d | optional field added",
    ]);
    expect(brief(diffSpecs(after, before))).toContain(
      "BREAKING field-removed | createThing (POST /things) request body.c | field removed",
    );
  });

  it("response fields: added is safe, required→optional breaks readers", () => {
    const before = doc(jsonResponse(Thing({ a: { type: "string" } }, ["a"])));
    const after = doc(jsonResponse(Thing({ a: { type: "string" }, z: { type: "string" } }, [])));
    expect(brief(diffSpecs(before, after))).toEqual([
      "BREAKING field-required-changed | createThing (POST /things) response.a | field is now optional",
      "field-added | createThing (POST /things) response.z | optional field added",
    ]);
  });

  it("enums and types: request narrowing breaks callers, response widening breaks readers", () => {
    const e1 = { type: "string", enum: ["a", "b"] };
    const e2 = { type: "string", enum: ["a", "c"] };
    const reqBefore = doc({
      parameters: [
        { name: "kind", in: "query", schema: e1 },
        { name: "n", in: "query", schema: { type: "integer" } },
      ],
    });
    const reqAfter = doc({
      parameters: [
        { name: "kind", in: "query", schema: e2 },
        { name: "n", in: "query", schema: { type: "number" } },
      ],
    });
    expect(brief(diffSpecs(reqBefore, reqAfter))).toEqual([
      'enum-value-added | createThing (POST /things) query parameter kind | enum value "c" added',
      'BREAKING enum-value-removed | createThing (POST /things) query parameter kind | enum value "b" removed',
      "type-changed | createThing (POST /things) query parameter n | type widened from integer to number",
    ]);
    const resBefore = doc(jsonResponse(Thing({ kind: e1, n: { type: "integer" } })));
    const resAfter = doc(jsonResponse(Thing({ kind: e2, n: { type: ["integer", "null"] } })));
    expect(brief(diffSpecs(resBefore, resAfter))).toEqual([
      'BREAKING enum-value-added | createThing (POST /things) response.kind | enum value "c" added',
      'enum-value-removed | createThing (POST /things) response.kind | enum value "b" removed',
      "BREAKING type-changed | createThing (POST /things) response.n | type widened from integer to integer | null",
    ]);
  });

  it("operations: a new operationId on the same route is a rename (breaking); a moved route keeps the function", () => {
    const renamed = doc({ operationId: "makeThing" });
    expect(brief(diffSpecs(doc({}), renamed))).toEqual([
      "BREAKING operation-renamed | makeThing (POST /things) | function renamed from createThing to makeThing",
    ]);
    const moved = {
      ...doc({}),
      paths: { "/v2/things": { post: { operationId: "createThing", responses: {} } } },
    };
    expect(brief(diffSpecs(doc({}), moved))).toEqual([
      "operation-renamed | createThing (POST /v2/things) | moved from POST /things",
    ]);
  });

  it("security and servers", () => {
    const securitySchemes = {
      key: { type: "apiKey", in: "header", name: "x-key" },
      oauth: { type: "http", scheme: "bearer" },
    };
    const before = doc(
      {},
      {},
      { servers: [{ url: "https://a" }], security: [{ key: [] }], components: { securitySchemes } },
    );
    const after = doc(
      {},
      {},
      {
        servers: [{ url: "https://b" }],
        security: [{ key: [] }, { oauth: [] }],
        components: { securitySchemes },
      },
    );
    expect(brief(diffSpecs(before, after))).toEqual([
      "BREAKING security-changed | createThing (POST /things) | security schemes changed (+oauth)",
      "servers-changed | servers | server https://b added",
      "BREAKING servers-changed | servers | server https://a removed",
    ]);
  });

  it("stops at recursive schemas", () => {
    const node = (extra: Record<string, unknown>): unknown => ({
      type: "object",
      properties: { child: { $ref: "#/components/schemas/Node" }, ...extra },
    });
    const changes = diffSpecs(
      doc(jsonResponse({ $ref: "#/components/schemas/Node" }), { Node: node({}) }),
      doc(jsonResponse({ $ref: "#/components/schemas/Node" }), {
        Node: node({ x: { type: "string" } }),
      }),
    );
    expect(brief(changes)).toEqual([
      "field-added | createThing (POST /things) response.x | optional field added",
    ]);
  });
});

describe("rendering", () => {
  it("suggestBump", () => {
    const change = (breaking: boolean): SpecChange => ({
      kind: "field-added",
      breaking,
      where: "w",
      message: "m",
    });
    expect(suggestBump([change(false), change(true)], true)).toBe("major");
    expect(suggestBump([change(false)], true)).toBe("minor");
    expect(suggestBump([], true)).toBe("patch");
    expect(suggestBump([], false)).toBe("none");
  });

  it("dateFromVersion takes a date only from the version string", () => {
    expect(dateFromVersion("2026-05-20")).toBe("2026-05-20");
    expect(dateFromVersion("v2-2025-01-31.beta")).toBe("2025-01-31");
    expect(dateFromVersion("41")).toBeUndefined();
    expect(dateFromVersion("1.2.3")).toBeUndefined();
  });
});

describeWithSpecs("Adyen Checkout 40 → 41 (real pair)", () => {
  const read = (name: string): unknown =>
    parse(readFileSync(path.join(SPECS_DIR, "apis-guru", name), "utf8"));
  // Read in beforeAll, not while collecting: a skipped suite's body still runs when SPECS_DIR is absent.
  let changelog: ReturnType<typeof buildChangelog>;
  let lines: ReturnType<typeof brief>;
  beforeAll(() => {
    changelog = buildChangelog(
      read("adyen.com__CheckoutService__40.yaml"),
      read("adyen.com__CheckoutService__41.yaml"),
      "Adyen Checkout",
      true,
    );
    lines = brief(changelog.changes);
  });

  it("reports the versions and a major bump", () => {
    expect([changelog.fromVersion, changelog.toVersion, changelog.bump]).toEqual([
      "40",
      "41",
      "major",
    ]);
    expect(changelog.entry?.startsWith("## 41\n")).toBe(true);
  });

  it("classifies fields that became required in a request as breaking, new optional request fields as not", () => {
    expect(lines).toContain(
      "BREAKING field-required-changed | postPayments (POST /payments) request body.browserInfo.colorDepth | field is now required",
    );
    expect(lines).toContain(
      "BREAKING field-added | postPayments (POST /payments) request body.threeDS2RequestData.deviceChannel | required field added",
    );
    expect(lines).toContain(
      "field-added | postPayments (POST /payments) request body.merchantData | optional field added",
    );
    expect(lines).toContain(
      'enum-value-added | postPayments (POST /payments) request body.recurringProcessingModel | enum value "UnscheduledCardOnFile" added',
    );
  });

  it("reports the versioned server URL change", () => {
    expect(lines).toContain(
      "BREAKING servers-changed | servers | server https://checkout-test.adyen.com/v40 removed",
    );
    expect(lines).toContain(
      "servers-changed | servers | server https://checkout-test.adyen.com/v41 added",
    );
  });
});
