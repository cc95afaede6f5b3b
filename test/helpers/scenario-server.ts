/**
 * A loopback HTTP server (127.0.0.1, port 0) that injects faults on demand, for driving the client
 * runtime (and generated clients) through real sockets.
 *
 * Routes (the first path segment picks the scenario; the rest of the path is a key, so each test
 * counts its own hits):
 * - `/status/<key>?codes=503,200` — answers the codes in turn (the last repeats); non-2xx bodies are
 *   `{ code, message }`. Optional `retryAfter`, `retryAfterMs`, `reset` set `Retry-After`,
 *   `retry-after-ms`, `x-ratelimit-reset`; `x-ratelimit-*` headers are always sent.
 * - `/reset/<key>?times=1` — the first `times` requests get headers and half a body, then the socket is destroyed.
 * - `/slow/<key>` — never answers (until the client gives up); `onHeld` listeners are told it arrived.
 * - `/invalid-json/<key>` — 200 with a truncated JSON body.
 * - `/html/<key>` — 502 with an HTML page, as a proxy would send.
 * - `/echo-key/<key>` — 401 whose message and `x-echo` header repeat the `x-api-key` it received.
 * - `/payouts/<key>?pages=3&per=2&repeat=2` — a cursor listing (`cursor` query parameter,
 *   `{ data, pagination: { nextCursor } }`); with `repeat=n`, page n links back to cursor `c1`.
 * - `/redirect/<key>?to=<url>&status=302` — answers `status` with `Location: <to>` (absolute or relative).
 * - `/echo/<key>` — 200 `{ method, path, search, headers, body }`: what the request carried.
 * - `/stream/<key>?status=200&bytes=<n>&length=1` — `n` bytes of `x` (no `bytes`: endless, until the client
 *   goes away), in 64 KiB chunks; `length=1` sends `Content-Length`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface SeenRequest {
  method: string;
  path: string;
  search: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface ScenarioServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: SeenRequest[];
  /** Requests received for a pathname. */
  hits(path: string): number;
  /** Calls `listener` whenever a `/slow` request arrives (it will not be answered); returns an unsubscribe function. */
  onHeld(listener: () => void): () => void;
  /** Destroys open sockets and stops listening. */
  close(): Promise<void>;
}

const HTML_502 = `<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title></head>
<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center>${"<!-- padding -->".repeat(100)}</body></html>`;

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Extra fixed GET routes (pathname → content type and body), e.g. a page and script for a browser test. */
export type StaticRoutes = Record<string, { type: string; body: string }>;

/** Starts the server on 127.0.0.1 and an OS-assigned port. */
export async function startScenarioServer(statics: StaticRoutes = {}): Promise<ScenarioServer> {
  const requests: SeenRequest[] = [];
  const counts = new Map<string, number>();
  const held = new Set<() => void>();
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const n = (counts.get(url.pathname) ?? 0) + 1;
      counts.set(url.pathname, n);
      requests.push({
        method: req.method ?? "",
        path: url.pathname,
        search: url.search,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      const q = (name: string): string | null => url.searchParams.get(name);
      const file = statics[url.pathname];
      if (file) {
        res.writeHead(200, { "content-type": file.type });
        return void res.end(file.body);
      }
      const scenario = url.pathname.split("/")[1];

      switch (scenario) {
        case "status": {
          const codes = (q("codes") ?? "200").split(",").map(Number);
          const status = codes[Math.min(n, codes.length) - 1]!;
          const headers: Record<string, string> = {
            "x-ratelimit-limit-minute": "120",
            "x-ratelimit-remaining-minute": String(Math.max(0, 120 - n)),
            "x-request-id": `req_${n}`,
          };
          if (q("retryAfter")) headers["retry-after"] = q("retryAfter")!;
          if (q("retryAfterMs")) headers["retry-after-ms"] = q("retryAfterMs")!;
          if (q("reset")) headers["x-ratelimit-reset"] = q("reset")!;
          if (status === 204) return void res.writeHead(204).end();
          if (status < 300)
            return sendJson(
              res,
              status,
              { id: url.pathname.split("/")[2], attempt: n, method: req.method },
              headers,
            );
          return sendJson(
            res,
            status,
            { code: `E${status}`, message: `failure ${n}`, details: [] },
            headers,
          );
        }
        case "reset": {
          if (n > Number(q("times") ?? "1"))
            return sendJson(res, 200, { id: "after-reset", attempt: n });
          res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
          res.write('{"data": [1, 2, 3', () => res.socket?.destroy());
          return;
        }
        case "slow":
          for (const listener of held) listener();
          return;
        case "invalid-json":
          res.writeHead(200, { "content-type": "application/json" });
          return void res.end('{"id": "p1", "amount": ');
        case "html":
          res.writeHead(502, { "content-type": "text/html" });
          return void res.end(HTML_502);
        case "echo-key": {
          const key = String(req.headers["x-api-key"] ?? "");
          return sendJson(
            res,
            401,
            { code: "UNAUTHORIZED", message: `Invalid API key ${key}` },
            { "x-echo": key },
          );
        }
        case "payouts": {
          const pages = Number(q("pages") ?? "3");
          const per = Number(q("per") ?? "2");
          const cursor = q("cursor");
          const page = cursor === null ? 1 : Number(cursor.slice(1));
          const data = Array.from({ length: per }, (_, i) => ({
            id: `po_${(page - 1) * per + i + 1}`,
          }));
          const repeat = Number(q("repeat") ?? "0");
          const nextCursor = page === repeat ? "c1" : page < pages ? `c${page + 1}` : null;
          return sendJson(res, 200, { data, pagination: { nextCursor } });
        }
        case "redirect":
          res.writeHead(Number(q("status") ?? "302"), { location: q("to") ?? "/" });
          return void res.end("moved");
        case "echo":
          return sendJson(res, 200, requests.at(-1));
        case "stream": {
          const total = q("bytes") === null ? Infinity : Number(q("bytes"));
          const headers: Record<string, string> = { "content-type": "text/plain" };
          if (q("length") === "1") headers["content-length"] = String(total);
          res.writeHead(Number(q("status") ?? "200"), headers);
          const chunk = Buffer.alloc(65536, "x");
          let sent = 0;
          const pump = (): void => {
            while (sent < total && !res.destroyed) {
              const part = total - sent < chunk.length ? chunk.subarray(0, total - sent) : chunk;
              sent += part.length;
              if (!res.write(part)) return void res.once("drain", pump);
            }
            if (!res.destroyed) res.end();
          };
          return pump();
        }
        default:
          return sendJson(res, 404, { code: "NO_SCENARIO", message: url.pathname });
      }
    });
  });
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    hits: (path) => counts.get(path) ?? 0,
    onHeld: (listener) => {
      held.add(listener);
      return () => void held.delete(listener);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const s of sockets) s.destroy();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/** A 127.0.0.1 port with nothing listening (bound, then released): connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
