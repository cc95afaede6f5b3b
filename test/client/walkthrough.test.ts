/**
 * The payouts guide's end-to-end finance walkthrough (seed 002), step by step through the generated client,
 * against Prism and against the generated mock (generated/introw/mock.ts). Each step checks the typed result
 * and that the server accepted the request (Prism reports violations in a header; the mock answers 400).
 */
import { describe, expect, inject, it } from "vitest";
import {
  createClient,
  createCommissionLine,
  declineCommissionLine,
  detachCommissionLine,
  getPayout,
  listCommissionLines,
  listPayouts,
  updateCommissionLine,
  updatePayout,
  type PayoutStage,
} from "../../generated/introw/index.js";
import { createMockFetch } from "../../generated/introw/mock.js";

describe.each([
  ["Prism", () => ({ baseUrl: inject("prismIntrow") })],
  ["the generated mock", () => ({ fetch: createMockFetch({ stateful: true }) })],
])("payouts guide walkthrough against %s", (_, server) => {
  const violations: string[] = [];
  const introw = () =>
    createClient({
      apiKey: "walkthrough-key",
      ...server(),
      maxRetries: 0,
      onResponse: (response) => {
        const v = response.headers.get("sl-violations");
        if (v !== null) violations.push(v);
        if (response.status >= 400) violations.push(`${response.status} ${response.url}`);
      },
    });

  it("reviews, approves and pays a payout, then manages its commission lines", async () => {
    const client = introw();
    // 1. List payouts ready for review.
    const pending: string[] = [];
    for await (const payout of listPayouts(
      client,
      { stage: "PENDING_REVIEW", limit: 50 },
      { maxItems: 100 },
    )) {
      expect(payout.stage satisfies PayoutStage).toBeTypeOf("string");
      pending.push(payout.id);
    }
    expect(pending.length).toBeGreaterThan(0);
    const payoutId = pending[0]!;

    // 2. Inspect the commission lines on the payout.
    const lines = await listCommissionLines(client, { payoutId });
    expect(Array.isArray(lines.data)).toBe(true);
    const payout = await getPayout(client, { id: payoutId });
    expect(payout.data.amount.currency).toMatch(/^[A-Z]{3}$/);

    // 3. Approve with a PO number, 4. mark paid once the ERP confirms payment.
    const approved = await updatePayout(client, {
      id: payoutId,
      body: { stage: "APPROVED", poNumber: "PO-7" },
    });
    expect(approved.data.id).toBeTypeOf("string");
    const paid = await updatePayout(client, { id: payoutId, body: { stage: "PAID" } });
    expect(paid.data.stage).toBeTypeOf("string");

    // Managing lines: create a pending line, edit it, decline one, detach one.
    const created = await createCommissionLine(client, {
      body: {
        partnerId: "ptn_01HVK6Y8Z8Q7J8J8J8J8J8J8J8",
        amount: "500.00",
        currency: "USD",
        description: "Q1 referral bonus",
      },
    });
    const lineId = created.data.id;
    const edited = await updateCommissionLine(client, {
      id: lineId,
      body: { description: "Q1 referral bonus (corrected)", amount: "550.00" },
    });
    expect(edited.data.id).toBeTypeOf("string");
    const declined = await declineCommissionLine(client, {
      id: lineId,
      body: { reason: "DUPLICATE", comment: "Already paid" },
    });
    expect(declined.data.status).toBeTypeOf("string");
    const detached = await detachCommissionLine(client, { id: lineId });
    expect(detached.data.id).toBeTypeOf("string");

    expect(violations).toEqual([]);
  });
});
