/**
 * The README's "Testing code that uses the client" example, run as it is shown: README.md shows the region
 * below verbatim after its imports (the last test checks it).
 */
import { describe, expect, it } from "vitest";
import {
  createClient,
  listPayouts,
  NotFoundError,
  updatePayout,
  type Client,
} from "../../generated/introw/index.js";
import { createMockFetch } from "../../generated/introw/mock.js";
import { read, readmeBlocks, region, withoutImports } from "../helpers/readme.js";

// README example
// Your code: approves every payout waiting for review and returns how many it approved.
async function approvePending(client: Client): Promise<number> {
  let approved = 0;
  for await (const payout of listPayouts(client, { stage: "PENDING_REVIEW" })) {
    await updatePayout(client, { id: payout.id, body: { stage: "APPROVED" } });
    approved++;
  }
  return approved;
}

describe("approvePending", () => {
  it("approves every payout of every page", async () => {
    const mock = createMockFetch({ seed: 1, pages: 2, pageSize: 3 });
    const client = createClient({ apiKey: "test-key", fetch: mock });
    expect(await approvePending(client)).toBe(6);
    // every call is recorded, with its params read back from the request
    expect(mock.calls("updatePayout").map((call) => call.params.body)).toEqual(
      Array(6).fill({ stage: "APPROVED" }),
    );
  });

  it("gets through a rate limit", async () => {
    const mock = createMockFetch().fault("listPayouts", { status: 429, retryAfter: 0 });
    expect(await approvePending(createClient({ apiKey: "test-key", fetch: mock }))).toBe(6);
    expect(mock.calls("listPayouts").map((call) => call.status)).toEqual([429, 200, 200, 200]);
  });

  it("stops at a payout that is gone", async () => {
    const mock = createMockFetch().on("updatePayout", ({ params }) => ({
      status: 404,
      body: { error: { code: "NOT_FOUND", message: `payout ${params.id} not found` } },
    }));
    const client = createClient({ apiKey: "test-key", fetch: mock });
    await expect(approvePending(client)).rejects.toBeInstanceOf(NotFoundError);
  });
});
// end README example

describe("README: Testing code that uses the client", () => {
  it("shows this file's example verbatim, after its imports", () => {
    const block = readmeBlocks("Testing code that uses the client").find((b) =>
      b.includes("approvePending"),
    );
    expect(block, "README block").toBeDefined();
    expect(withoutImports(block!)).toBe(
      region(read("test/client/mock-example.test.ts"), "README example"),
    );
  });
});
