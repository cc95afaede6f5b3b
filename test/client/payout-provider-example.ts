/**
 * The usage example of README.md ("A second API: the payout provider"): the lines between the `README usage`
 * markers are the README's code block (dedented, after its import lines). test/client/sign.test.ts checks they are
 * identical and runs this function against the loopback provider, so the documented example compiles and works.
 */
import {
  NotFoundError,
  createClient,
  getPayout,
  listPayouts,
} from "../../generated/payout-provider/index.js";
import { signature } from "./sign.js";

/** Runs the README example; reads PAYOUT_PROVIDER_URL, PAYOUT_PROVIDER_API_KEY and PAYOUT_PROVIDER_SECRET. */
export async function payoutProviderExample(): Promise<void> {
  // README usage
  const payouts = createClient({
    baseUrl: process.env.PAYOUT_PROVIDER_URL!, // the page names no host
    apiKey: process.env.PAYOUT_PROVIDER_API_KEY!,
    signature: signature(process.env.PAYOUT_PROVIDER_SECRET!), // computed for each request from method, URL and body
  });

  // Every successful payout of a subaccount since a date, across pages: the client sends `lastkey` back.
  for await (const payout of listPayouts(payouts, {
    subaccount_id: "sub-1",
    from: "2024-02-08 09:00",
    status: 4,
  })) {
    console.log(payout.id, payout.amount, payout.receiver.email);
  }

  try {
    await getPayout(payouts, { id: "3971f24a-b901-4bdb-b3a5-7690ca350cd3" });
  } catch (error) {
    if (error instanceof NotFoundError)
      console.log(error.status, error.code); // 404 "PAYO101"
    else throw error;
  }
  // end README usage
}
