/**
 * vitest global setup: one Prism mock server per committed spec, on 127.0.0.1, for the client tests.
 * Tests read the URLs with `inject("prismIntrow")` / `inject("prismPayoutProvider")`.
 */
import type { TestProject } from "vitest/node";
import { startPrism, type PrismServer } from "./prism.js";

declare module "vitest" {
  export interface ProvidedContext {
    prismIntrow: string;
    prismPayoutProvider: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const servers: PrismServer[] = await Promise.all([
    startPrism("spec/openapi.json"),
    startPrism("spec/payout-provider.openapi.yaml"),
  ]);
  project.provide("prismIntrow", servers[0]!.url);
  project.provide("prismPayoutProvider", servers[1]!.url);
  return async () => {
    await Promise.all(servers.map((s) => s.stop()));
  };
}
