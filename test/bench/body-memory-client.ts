/**
 * Child process of body-memory.ts: makes one GET with the runtime in `argv[2]` (a templates/runtime-like folder)
 * to `argv[3]`, then prints `{ outcome, ms, peakRssMb }` as JSON (peak RSS of this whole process).
 * Run by body-memory.ts, not by hand.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";

const [dir, url, timeoutMs] = process.argv.slice(2) as [string, string, string];
const load = async <T>(file: string): Promise<T> =>
  (await import(pathToFileURL(path.join(dir, file)).href)) as T;
const { createClientCore } =
  await load<typeof import("../../templates/runtime/client.js")>("client.ts");
const { request } = await load<typeof import("../../templates/runtime/request.js")>("request.ts");
const target = new URL(url);
const client = createClientCore(
  { servers: [], securitySchemes: {} },
  { baseUrl: target.origin, maxRetries: 0, timeoutMs: Number(timeoutMs) },
);
const op = {
  id: "stream",
  method: "GET",
  path: target.pathname + target.search,
  params: [],
  response: "text",
  security: [],
} as const;
const start = performance.now();
let outcome: string;
try {
  const text = await request<string>(client, op, undefined, {});
  outcome = `read ${text.length} characters`;
} catch (e) {
  outcome = `${(e as Error).name}: ${(e as Error).message.slice(0, 90)}`;
}
const ms = Math.round(performance.now() - start);
console.log(
  JSON.stringify({ outcome, ms, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }),
);
