/**
 * A loopback server (127.0.0.1, port 0) for test/fixtures/pagination-kinds.yaml that really pages, unlike Prism,
 * which serves the same examples whatever the query: the items `t1`…`t<count>` (`{ id, name }`), by
 * - `GET /pages?page=&per_page=` → `{ data, total }` (pages from 1; `per_page` default 2);
 * - `GET /offsets?offset=&limit=` → the array of items (`limit` default 2);
 * - `GET /linked?page=&per_page=` → the array, with `Link: <…?page=n+1&per_page=…>; rel="next"` (an absolute URL,
 *   as GitHub sends) while pages remain, and `rel="first"` always;
 * - `GET /next-url?token=` → `{ results, links: { next } }`, two items a page, `next` a relative URL or null;
 * - `GET /configured?p=&n=` → `{ payload: { rows, more } }` (pages from 0, `n` default 2; rows are the ids).
 * Every request's path and query is recorded, in order.
 */
import { createServer, type ServerResponse } from "node:http";

export interface PagingServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `pathname + search` of every request, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

function send(res: ServerResponse, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(200, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Starts the server over `count` items. */
export async function startPagingServer(count: number): Promise<PagingServer> {
  const things = Array.from({ length: count }, (_, i) => ({
    id: `t${i + 1}`,
    name: `thing ${i + 1}`,
  }));
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
    requests.push(url.pathname + url.search);
    const q = (name: string, fallback: number): number =>
      url.searchParams.has(name) ? Number(url.searchParams.get(name)) : fallback;
    switch (url.pathname) {
      case "/pages": {
        const [page, per] = [q("page", 1), q("per_page", 2)];
        return send(res, { data: things.slice((page - 1) * per, page * per), total: count });
      }
      case "/offsets": {
        const offset = q("offset", 0);
        return send(res, things.slice(offset, offset + q("limit", 2)));
      }
      case "/linked": {
        const [page, per] = [q("page", 1), q("per_page", 2)];
        const links = [`<${url.origin}/linked?page=1&per_page=${per}>; rel="first"`];
        if (page * per < count)
          links.unshift(`<${url.origin}/linked?page=${page + 1}&per_page=${per}>; rel="next"`);
        return send(res, things.slice((page - 1) * per, page * per), { link: links.join(", ") });
      }
      case "/next-url": {
        const start = q("token", 0);
        const next = start + 2 < count ? `/next-url?token=${start + 2}` : null;
        return send(res, { results: things.slice(start, start + 2), links: { next } });
      }
      case "/configured": {
        const [page, size] = [q("p", 0), q("n", 2)];
        const rows = things.slice(page * size, page * size + size).map((t) => t.id);
        return send(res, { payload: { rows, more: (page + 1) * size < count } });
      }
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
