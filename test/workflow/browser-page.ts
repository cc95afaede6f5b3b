/**
 * The code the browser test runs in headless Chromium: bundled with the generated Introw client by esbuild and
 * served from 127.0.0.1. Type-checked with the project (a typed result, an error path).
 */
import {
  createClient,
  getPayout,
  NotFoundError,
  ApiError,
  type GetPayoutResponse,
} from "../../generated/introw/index.js";

export interface BrowserRunResult {
  readonly id: string;
  readonly stage: string;
  readonly currency: string;
  readonly error: string;
}

/** Calls the mock at `baseUrl`: one successful `getPayout`, one that answers 404. */
export async function run(baseUrl: string): Promise<BrowserRunResult> {
  const client = createClient({ apiKey: "browser-key", baseUrl, maxRetries: 0 });
  const payout: GetPayoutResponse = await getPayout(client, { id: "pay_1" });
  let error = "no error";
  try {
    await getPayout(client, { id: "missing" });
  } catch (e) {
    if (e instanceof NotFoundError) error = `${e.name} ${e.status} ${JSON.stringify(e.body)}`;
    else if (e instanceof ApiError) error = `unexpected ApiError ${e.status}`;
    else error = `unexpected ${String(e)}`;
  }
  return {
    id: payout.data.id,
    stage: payout.data.stage,
    currency: payout.data.amount.currency,
    error,
  };
}
