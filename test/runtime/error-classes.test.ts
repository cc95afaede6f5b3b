/**
 * The status error classes are declared from one table (errors.ts `subclass`): they must still behave as
 * classes at run time (instanceof, `name`, `Class.name`, subclassing) and narrow like classes in TypeScript.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  ApiConnectionError,
  ApiError,
  type ApiErrorInit,
  ConflictError,
  makeApiError,
  NotFoundError,
  RateLimitError,
  STATUS_ERROR_CLASSES,
} from "../../templates/runtime/errors.js";
import * as runtimeIndex from "../../templates/runtime/index.js";

const init = (status: number): ApiErrorInit<{ reason: string }> => ({
  status,
  message: `${status} failed`,
  code: undefined,
  body: { reason: "r" },
  headers: {},
  method: "GET",
  url: "https://api.introw.test/x",
  requestId: undefined,
  rateLimit: {},
  retryAfterMs: undefined,
});

describe("status error classes", () => {
  it("construct directly, with the class name on the class, the instance and the stack", () => {
    const e = new ConflictError(init(409));
    expect(e).toBeInstanceOf(ConflictError);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(NotFoundError);
    expect([ConflictError.name, e.name, String(e)]).toEqual([
      "ConflictError",
      "ConflictError",
      "ConflictError: 409 failed",
    ]);
    expect(e.stack).toMatch(/^ConflictError: 409 failed/);
    expect(e.body).toEqual({ reason: "r" });
  });

  it("can be extended by callers", () => {
    class MyNotFound extends NotFoundError {}
    const e = new MyNotFound(init(404));
    expect(e).toBeInstanceOf(NotFoundError);
    expect(e.name).toBe("NotFoundError");
  });

  it("makeApiError picks the class by status; unknown statuses stay a plain ApiError", () => {
    expect(makeApiError(init(404)).constructor).toBe(NotFoundError);
    expect(makeApiError(init(418)).constructor).toBe(ApiError);
    expect(makeApiError(init(418)).name).toBe("ApiError");
    expect(makeApiError(init(599)).name).toBe("InternalServerError");
  });

  it("narrow like classes: the false branch of one subclass still holds other ApiErrors", () => {
    const error = makeApiError(init(429)) as ApiError<{ reason: string }> | ApiConnectionError;
    if (error instanceof NotFoundError) {
      expectTypeOf(error.status).toEqualTypeOf<number>();
      throw new Error("a 429 is not a NotFoundError");
    } else if (error instanceof ApiError) {
      // a plain `type NotFoundError<T> = ApiError<T>` would have removed every ApiError in the false branch
      expectTypeOf(error).toEqualTypeOf<ApiError<{ reason: string }>>();
      expect(error).toBeInstanceOf(RateLimitError);
    } else {
      expectTypeOf(error).toEqualTypeOf<ApiConnectionError>();
    }
  });
});

describe("STATUS_ERROR_CLASSES (the table the generator's @throws docs read)", () => {
  it("names, for every status, a class the runtime exports and makeApiError throws", () => {
    const exported = runtimeIndex as unknown as Record<string, unknown>;
    for (const [status, name] of Object.entries(STATUS_ERROR_CLASSES)) {
      const error = makeApiError(init(Number(status)));
      expect([error.name, error.constructor]).toEqual([name, exported[name]]);
    }
    expect(makeApiError(init(503)).constructor).toBe(exported[STATUS_ERROR_CLASSES[500]]);
  });
});
