import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["node_modules/**", "test/.tmp/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // vitest's default is one worker on a 2-core machine; many suites wait on servers and child processes, so a
    // second worker overlaps those waits.
    maxWorkers: 2,
    globalSetup: ["test/helpers/global-setup.ts"],
  },
});
