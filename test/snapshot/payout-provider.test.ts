/**
 * The committed payout-provider client is the snapshot of generating spec/payout-provider.openapi.yaml
 * (a hand-written YAML spec of a second API: proves the generator is not tuned to Introw). Also determinism.
 */
import { describeCommittedOutput } from "../helpers/committed-output.js";

describeCommittedOutput({ input: "spec/payout-provider.openapi.yaml", output: "generated/payout-provider", name: "PayoutProvider" });
