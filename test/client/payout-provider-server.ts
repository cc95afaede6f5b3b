/**
 * A tiny stand-in for the payout provider on 127.0.0.1 (port 0), for multi-page iteration tests: Prism always
 * serves the spec's single example page. `GET /api/payout/` serves pages keyed by the `lastkey` query value
 * ("" for the first page); `GET /api/payout/{id}` serves any payout of those pages, else 404 PAYO101.
 * It checks credentials like the provider would (assumed scheme: `x-api-key` plus a hex HMAC-SHA256 `signature`
 * over `METHOD\npath?query\nbody`), verified here with node:crypto, independently of the Web Crypto signer under
 * test. Errors use the provider's `{ message, error: [{ code, message }] }` envelope.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";

export interface PageServerOptions {
  /** Response body (minus `message`) per `lastkey` value; "" is the first page. */
  readonly pages: Readonly<Record<string, { payload: unknown[]; lastkey?: string }>>;
  readonly apiKey: string;
  /** HMAC secret the `signature` header must be computed with. */
  readonly secret: string;
}

export interface PageServer {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** Query of every authenticated list request, in order. */
  readonly seen: URLSearchParams[];
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

const failure = (message: string, code: string, detail: string) => ({
  message,
  error: [{ code, message: detail }],
});

/**
 * Starts the server on 127.0.0.1, port 0.
 * @returns its URL, the queries it served and `close()`.
 */
export async function startPageServer(options: PageServerOptions): Promise<PageServer> {
  const seen: URLSearchParams[] = [];
  const server = createServer((req, res) => {
    const target = req.url ?? "/";
    const mac = createHmac("sha256", options.secret)
      .update(`${req.method ?? ""}\n${target}\n`)
      .digest();
    const given = Buffer.from(String(req.headers["signature"] ?? ""), "hex");
    if (
      req.headers["x-api-key"] !== options.apiKey ||
      given.length !== mac.length ||
      !timingSafeEqual(given, mac)
    ) {
      return send(res, 401, failure("Unauthorized", "AUTH001", "Invalid x-api-key or signature"));
    }
    const url = new URL(target, "http://127.0.0.1");
    const one = /^\/api\/payout\/([^/]+)$/.exec(url.pathname);
    if (req.method === "GET" && one !== null) {
      const payout = Object.values(options.pages)
        .flatMap((p) => p.payload)
        .find((p) => (p as { id?: unknown }).id === decodeURIComponent(one[1]!));
      if (payout === undefined)
        return send(res, 404, failure("Get payout failed", "PAYO101", "Payout ID not found"));
      return send(res, 200, { message: "Payout found", payload: payout });
    }
    if (req.method !== "GET" || url.pathname !== "/api/payout/")
      return send(res, 404, failure("Not found", "NOTF001", url.pathname));
    seen.push(url.searchParams);
    const page = options.pages[url.searchParams.get("lastkey") ?? ""];
    if (!url.searchParams.get("subaccount_id") || page === undefined) {
      return send(
        res,
        400,
        failure("Get payout list failed", "PAYO102", "Invalid subaccount_id or lastkey"),
      );
    }
    send(res, 200, { message: "Payout found", ...page });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
