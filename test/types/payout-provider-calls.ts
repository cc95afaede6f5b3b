/**
 * Type tests for the payout-provider client: `npm test` type-checks this file (tsc, strict +
 * exactOptionalPropertyTypes). Each `@ts-expect-error` line must be a compile error; if the generated types ever
 * accept it, tsc fails.
 */
import {
  createClient,
  getPayout,
  listPayouts,
  payoutStatusCodeValues,
  type Amount,
  type ApiError,
  type ErrorResponse,
  type ListPayoutsItem,
  type PayoutStatusCode,
} from "../../generated/payout-provider/index.js";

export async function typeTests(): Promise<void> {
  const client = createClient({ apiKey: "k", signature: () => "sig", onRequest: () => {} });

  // Valid calls compile: the numeric status union, minute dates and the continuation token are strings/numbers.
  await listPayouts(client, {
    subaccount_id: "s1",
    status: 7,
    from: "2024-02-08 09:00",
    limit: "10",
    lastkey: "eyJ9",
  });
  const status: PayoutStatusCode = payoutStatusCodeValues[0];
  const page = await listPayouts(client, { subaccount_id: "s1", status });
  const next: string | undefined = page.lastkey;
  const item: ListPayoutsItem = page.payload[0]!;
  // `amount` is a number in one example and a decimal string in another: both are the type.
  const amounts: Amount[] = [item.amount, 2000, "2200"];
  const createdAt: string = item.created_at; // milliseconds since the epoch, as a string
  void [next, amounts, createdAt];

  const one = await getPayout(client, { id: "3971f24a" });
  const message: string = one.message;
  const fee = one.payload.fee_data.fee_value;
  void [message, fee];

  const failed = await getPayout(client, { id: "x" }).safe();
  if (!failed.ok) {
    const body = (failed.error as ApiError<ErrorResponse>).body;
    if (typeof body === "object") {
      const code: string | undefined = body.error[0]?.code;
      void code;
    }
  }

  // @ts-expect-error status is a numeric code 0–7, not a name
  await listPayouts(client, { subaccount_id: "s1", status: "PENDING" });
  // @ts-expect-error 8 is not a status code
  await listPayouts(client, { subaccount_id: "s1", status: 8 });
  // @ts-expect-error subaccount_id is required
  await listPayouts(client, { limit: "1" });
  // @ts-expect-error limit is a string on this API
  await listPayouts(client, { subaccount_id: "s1", limit: 1 });
  // @ts-expect-error the signature credential is a string or a function returning one
  createClient({ apiKey: "k", signature: 42 });
  // @ts-expect-error the payload is typed: no such field
  void one.payload.nonexistent;
}
