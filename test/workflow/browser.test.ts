import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { build } from "esbuild";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserRunResult } from "./browser-page.js";
import { PAYOUT, startMock } from "./vendor-project.js";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const describeWithChromium = existsSync(CHROMIUM)
  ? describe
  : (name: string, fn: () => void) =>
      describe.skip(
        `${name} (skipped: ${CHROMIUM} not found; install it with 'apt-get install -y chromium')`,
        fn,
      );

/** The page: imports the bundle, calls the mock named by `?api=`, and puts the JSON result on `body[data-result]`. */
const PAGE = `<!doctype html>
<meta charset="utf-8"><title>client test</title>
<body>
<script type="module">
  import { run } from "/app.js";
  const api = new URLSearchParams(location.search).get("api");
  run(api).then(
    (result) => { document.body.dataset.result = JSON.stringify(result); },
    (error) => { document.body.dataset.result = JSON.stringify({ failed: String(error) }); },
  );
</script>
</body>`;

/** Serves the page and the esbuild bundle from 127.0.0.1:0. */
async function startPageServer(
  bundle: string,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.url === "/app.js") {
      res.writeHead(200, { "content-type": "text/javascript" }).end(bundle);
    } else if (req.url === "/" || req.url?.startsWith("/?") === true) {
      res.writeHead(200, { "content-type": "text/html" }).end(PAGE);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describeWithChromium("generated client in headless Chromium", () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("a page from 127.0.0.1 imports the bundled client and calls a cross-origin loopback mock: typed result and 404 error", async () => {
    const bundled = await build({
      entryPoints: [path.join(import.meta.dirname, "browser-page.ts")],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      write: false,
      logLevel: "silent",
    });
    const bundle = bundled.outputFiles[0]!.text;
    expect(bundle).not.toMatch(/from\s*"node:|require\(/);
    const [pageServer, mock] = await Promise.all([startPageServer(bundle), startMock()]);
    try {
      const page = await browser!.newPage();
      const consoleErrors: string[] = [];
      page.on("pageerror", (e) => consoleErrors.push(e.message));
      await page.goto(`${pageServer.url}/?api=${encodeURIComponent(mock.url)}`);
      const body = await page.waitForSelector("body[data-result]", { state: "attached" });
      const result = JSON.parse(
        (await body.getAttribute("data-result")) ?? "null",
      ) as BrowserRunResult;
      expect(result).toEqual({
        id: "pay_1",
        stage: PAYOUT.data.stage,
        currency: "USD",
        error: 'NotFoundError 404 {"error":{"code":"not_found","message":"Payout not found"}}',
      });
      expect(mock.keys).toEqual(["browser-key", "browser-key"]);
      expect(consoleErrors).toEqual([]);
      await page.close();
    } finally {
      await Promise.all([pageServer.close(), mock.close()]);
    }
  });
});
