/**
 * The runtime in a real browser (Chromium through playwright-core): no Node-only APIs, fetch/Request/
 * AbortController/FormData as browsers implement them. Skips with a notice when no Chromium is installed
 * (set CHROMIUM_PATH to point at one).
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScenarioServer, type ScenarioServer } from "../helpers/scenario-server.js";

const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
if (!available)
  console.warn(`[browser.test] skipped: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);

const KEY = "sk_browser_SECRET_42";

describe.skipIf(!available)("runtime in Chromium", () => {
  let server: ScenarioServer;
  beforeAll(async () => {
    const bundle = await build({
      entryPoints: [fileURLToPath(new URL("./browser-app.ts", import.meta.url))],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      write: false,
    });
    server = await startScenarioServer({
      "/app.html": {
        type: "text/html",
        body: '<!doctype html><script type="module" src="/app.js"></script>',
      },
      "/app.js": { type: "text/javascript", body: bundle.outputFiles[0]!.text },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("retries, typed errors, redaction, pagination, path encoding, redirects and body limits work in the browser", async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}/app.html`);
      await page.waitForFunction(() => "runRuntime" in globalThis);
      const out = await page.evaluate(
        (key) =>
          (globalThis as unknown as { runRuntime: (k: string) => Promise<unknown> }).runRuntime(
            key,
          ),
        KEY,
      );
      expect(out).toEqual({
        recovered: { id: "b1", attempt: 2, method: "GET" },
        sleeps: [250],
        postFailure: { name: "InternalServerError", status: 500 },
        echo: {
          name: "AuthenticationError",
          message: "401 UNAUTHORIZED: Invalid API key [REDACTED]",
          json: expect.not.stringContaining(KEY),
        },
        ids: ["po_1", "po_2", "po_3", "po_4", "po_5", "po_6"],
        pathUrl: `${server.url}/status/..%2F..%2Fx%3Fy%23z`,
        redirect: expect.objectContaining({
          name: "ApiRedirectError",
          status: 0,
          message: `Redirect not followed (no usable Location): 0 GET ${server.url}/redirect/b5?to=%2Fecho%2Fb6 → undefined`,
        }),
        tooLarge: { name: "ApiResponseTooLargeError", limit: 1000 },
      });
      expect(server.hits("/echo/b6")).toBe(0);
      expect(server.hits("/status/b2")).toBe(1);
      expect(server.requests.find((r) => r.path === "/echo-key/b3")!.headers["x-api-key"]).toBe(
        KEY,
      );
    } finally {
      await browser.close();
    }
  });
});
