// Targets built by `npm run generate` (all of them) or `openapi-client-gen generate --target <name>`.
// Paths are relative to this file.
import { defineConfig } from "./generator/config/config.js";

export default defineConfig({
  targets: {
    introw: {
      input: "spec/openapi.json",
      output: "generated/introw",
      name: "Introw",
    },
    "payout-provider": {
      input: "spec/payout-provider.openapi.yaml",
      output: "generated/payout-provider",
      name: "PayoutProvider",
    },
  },
});
