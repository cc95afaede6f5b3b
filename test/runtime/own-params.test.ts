/**
 * Parameters are read from the caller's own properties only: a parameter named like an Object.prototype
 * member (`constructor`, `toString`) that the caller leaves out is not sent (it would read the inherited function).
 */
import { describe, expect, it } from "vitest";
import type { OperationSpec } from "../../templates/runtime/types.js";
import { runOnce } from "./specs.js";

const op: OperationSpec = {
  id: "find",
  method: "GET",
  path: "/things/{toString}",
  params: [
    { name: "toString", in: "path" },
    { name: "constructor", in: "query" },
    { name: "valueOf", in: "header" },
    { name: "hasOwnProperty", in: "cookie" },
  ],
  response: "json",
  security: [],
};

describe("parameters named like Object.prototype members", () => {
  it("are sent when given", async () => {
    const { promise, calls } = runOnce(op, {
      toString: "t",
      constructor: "c",
      valueOf: "v",
      hasOwnProperty: "h",
    });
    await promise;
    expect(calls[0]!.url).toBe("https://api.introw.test/things/t?constructor=c");
    expect(calls[0]!.headers["valueof"]).toBe("v");
    expect(calls[0]!.headers["cookie"]).toBe("hasOwnProperty=h");
  });

  it("are left out when omitted, and a missing path parameter is an error", async () => {
    const { promise, calls } = runOnce(op, { toString: "t" });
    await promise;
    expect(calls[0]!.url).toBe("https://api.introw.test/things/t");
    expect(calls[0]!.headers["valueof"]).toBeUndefined();
    expect(calls[0]!.headers["cookie"]).toBeUndefined();
    await expect(runOnce(op, {}).promise).rejects.toThrow('Missing path parameter "toString"');
  });
});
