/**
 * emit/client: the `clientSpec` literal lists only the rate-limit headers the runtime would not count by itself.
 */
import { describe, expect, it } from "vitest";
import { clientSpecLiteral } from "../../generator/emit/client.js";
import { normalize } from "../../generator/model/normalize.js";
import { validate } from "../../generator/validate/validate.js";
import { RATE_LIMIT_HEADER } from "../../templates/runtime/errors.js";

const header = { schema: { type: "integer" } };
const doc = {
  openapi: "3.1.0",
  info: { title: "T", version: "1" },
  paths: {
    "/a": {
      get: {
        responses: {
          "200": {
            description: "ok",
            headers: {
              "X-RateLimit-Limit": header,
              "RateLimit-Remaining": header,
              "X-Rate-Limit-Reset": header,
              "Retry-After": header,
            },
          },
        },
      },
    },
  },
};

describe("clientSpec rateLimitHeaders", () => {
  it("leaves out RateLimit-* and X-RateLimit-*, which the runtime counts without the list", () => {
    const result = validate(doc);
    const model = normalize(result.document!, { input: "x.yaml", output: "out", name: "T" });
    expect(model.rateLimitHeaders).toEqual([
      "ratelimit-remaining",
      "retry-after",
      "x-rate-limit-reset",
      "x-ratelimit-limit",
    ]);
    expect(clientSpecLiteral(model)).toMatch(
      /\n {0,2}rateLimitHeaders: \["retry-after", "x-rate-limit-reset"\],\n/,
    );
    expect(model.rateLimitHeaders.filter((h) => RATE_LIMIT_HEADER.test(h))).toEqual([
      "ratelimit-remaining",
      "x-ratelimit-limit",
    ]);
  });
});
