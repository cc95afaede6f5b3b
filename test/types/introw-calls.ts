/**
 * Type tests: `npm test` type-checks this file (tsc, strict + exactOptionalPropertyTypes). Each
 * `@ts-expect-error` line must be a compile error; if the generated types ever accept it, tsc fails.
 */
import {
  createClient,
  getPayout,
  listPayouts,
  updatePayout,
  createCommissionLine,
  type ListPayoutsParams,
} from "../../generated/introw/index.js";

export async function typeTests(): Promise<void> {
  const client = createClient({ apiKey: "k", server: "staging" });

  // Valid calls compile.
  await listPayouts(client, { stage: "PENDING_REVIEW", limit: 5 });
  await listPayouts(client);
  await getPayout(client, { id: "pay_1" });
  await updatePayout(client, { id: "pay_1", body: { poNumber: null } });
  const params: ListPayoutsParams = { cursor: "c" };
  await listPayouts(client, params);

  // @ts-expect-error an unknown stage is not a PayoutStage
  await listPayouts(client, { stage: "NOPE" });
  // @ts-expect-error `id` is required
  await getPayout(client, {});
  // @ts-expect-error `limit` is a number, not a string
  await listPayouts(client, { limit: "5" });
  // @ts-expect-error `body` is required for updatePayout
  await updatePayout(client, { id: "pay_1" });
  // @ts-expect-error unknown body fields are rejected (additionalProperties: false)
  await updatePayout(client, { id: "pay_1", body: { stage: "APPROVED", extra: 1 } });
  // @ts-expect-error createCommissionLine needs partnerId, amount and currency
  await createCommissionLine(client, { body: { amount: "1.00" } });
  // @ts-expect-error only the document's servers can be named
  createClient({ server: "qa" });

  const payout = await getPayout(client, { id: "pay_1" });
  // @ts-expect-error the response is typed: no such field
  void payout.data.nonexistent;
}
