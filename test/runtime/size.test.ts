import { describe, expect, it } from "vitest";
import { APPS, measure } from "../bench/runtime-size.js";

describe("runtime bundle size (esbuild, minified, ESM, tree-shaken)", () => {
  it("an app making one call stays within 4,024 B gzip and does not carry pagination", async () => {
    const r = await measure(APPS.oneCall);
    expect(r.gzip).toBeLessThanOrEqual(4024);
    expect(r.modules).toEqual([
      "api-promise.ts",
      "auth.ts",
      "client.ts",
      "errors.ts",
      "request.ts",
      "retry.ts",
      "serialize.ts",
    ]);
  });

  it("pagination is bundled only when a paginated operation is used", async () => {
    const r = await measure(APPS.withPagination);
    expect(r.modules).toContain("pagination.ts");
  });
});
