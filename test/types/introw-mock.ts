/**
 * Type tests of the generated mock (generated/introw/mock.ts): `npm test` type-checks this file. `mock.on`
 * handlers see each operation's params and must answer one of its statuses with that status's body type;
 * `mock.calls` is typed by the operation's params. Each `@ts-expect-error` line must be a compile error.
 */
import { createMockFetch } from "../../generated/introw/mock.js";

export function mockTypeTests(): void {
  const mock = createMockFetch({ seed: 2, examples: { getPayout: "default" } });

  // A handler sees the params and answers a declared status with its body type, or leaves the answer to the mock.
  mock.on("getPayout", ({ params }) => ({
    status: 404,
    body: { error: { code: "NOT_FOUND", message: `no payout ${params.id}` } },
  }));
  mock.on("getPayout", ({ body }) => ({ body: { data: { ...body().data, stage: "PAID" } } }));
  mock.on("listPayouts", () => undefined);
  const stage: string | undefined = mock.calls("updatePayout")[0]?.params.body.stage;
  void stage;

  // @ts-expect-error an operation the API does not have
  mock.on("getNothing", () => undefined);
  // @ts-expect-error the 404 body is a PublicApiError, not a payout
  mock.on("getPayout", () => ({ status: 404, body: { data: { id: "p" } } }));
  // @ts-expect-error getPayout declares no 418
  mock.on("getPayout", () => ({ status: 418 }));
  // @ts-expect-error `id` is a string
  mock.on("getPayout", ({ params }) => ({ body: params.id * 2 }));
  // @ts-expect-error an operation the API does not have
  createMockFetch({ examples: { getNothing: "x" } });
  // @ts-expect-error a fault needs a status, reset, delayMs or repeatCursor
  mock.fault("getPayout", { retryAfter: 1 });
}
