/**
 * What the generated mock costs (generated/introw/mock.ts): time per call through the client against a fetch stub
 * returning a canned JSON Response (the baseline) and against the mock (an example answer, a generated answer,
 * a generated page, a 400 for an invalid request); and the bundle it adds to an app (esbuild, minified, gzip -9,
 * as runtime-size.ts measures): the Introw one-call app, without and with the mock and its data.
 *
 * Run: npx tsx test/bench/mock.ts   (MOCK_BENCH_CALLS calls per round, default 5000; 5 rounds, median), or as
 * the `mock` section of `npm run bench`.
 */
import { fileURLToPath } from "node:url";
import {
  createClient,
  getPayout,
  listPayouts,
  updatePayout,
} from "../../generated/introw/index.js";
import { createMockFetch } from "../../generated/introw/mock.js";
import { measure, type SizeReport } from "./runtime-size.js";

const CALLS = Number(process.env["MOCK_BENCH_CALLS"] ?? 5_000);
const ROUNDS = 5;

/** Median µs per call of `run` over ROUNDS rounds of CALLS calls, after CALLS / 10 warm-up calls. */
async function perCall(run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < CALLS / 10; i++) await run();
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = performance.now();
    for (let i = 0; i < CALLS; i++) await run();
    rounds.push(((performance.now() - start) * 1000) / CALLS);
  }
  return rounds.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
}

/** Time per call of each case (µs, median) and the bundle figures (bytes). */
export interface MockFigures {
  readonly calls: number;
  readonly rows: readonly { label: string; us: number; overUs?: number }[];
  readonly plain: SizeReport;
  readonly withMock: SizeReport;
}

/** Measures the mock's time per call and the bundle it adds. */
export async function benchMock(): Promise<MockFigures> {
  const canned = JSON.stringify(
    await getPayout(createClient({ apiKey: "bench-key", fetch: createMockFetch() }), {
      id: "pay_1",
    }),
  );
  const stub = (): Promise<Response> =>
    Promise.resolve(
      new Response(canned, { status: 200, headers: { "content-type": "application/json" } }),
    );
  const client = (fetch: (input: string | Request, init?: RequestInit) => Promise<Response>) =>
    createClient({ apiKey: "bench-key", fetch, maxRetries: 0 });
  const stubbed = client(stub);
  const example = client(createMockFetch());
  const generated = client(createMockFetch({ useExamples: false }));
  const cases: [string, () => Promise<unknown>][] = [
    ["getPayout, fetch stub (baseline)", () => getPayout(stubbed, { id: "pay_1" })],
    ["getPayout, mock: the document's example", () => getPayout(example, { id: "pay_1" })],
    ["getPayout, mock: generated data", () => getPayout(generated, { id: "pay_1" })],
    [
      "listPayouts first page (2 items), mock: generated",
      () => listPayouts(generated, { limit: 2 }).then(() => undefined),
    ],
    [
      "updatePayout refused (400), mock",
      () => updatePayout(generated, { id: "p", body: { stage: "NOPE" as "PAID" } }).safe(),
    ],
  ];
  const rows: { label: string; us: number; overUs?: number }[] = [];
  for (const [label, run] of cases) {
    const us = await perCall(run);
    rows.push(rows.length ? { label, us, overUs: us - rows[0]!.us } : { label, us });
  }
  const dir = fileURLToPath(new URL("../../generated/introw/", import.meta.url));
  const app = `import { createClient, getPayout } from "${dir}index.ts";`;
  const plain = await measure(
    `${app}\nconsole.log(await getPayout(createClient({ apiKey: "k" }), { id: "p" }));`,
  );
  const withMock = await measure(
    `${app}\nimport { createMockFetch } from "${dir}mock.ts";\nconsole.log(await getPayout(createClient({ apiKey: "k", fetch: createMockFetch() }), { id: "p" }));`,
  );
  return { calls: CALLS, rows, plain, withMock };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const f = await benchMock();
  console.log(`${f.calls} calls × ${ROUNDS} rounds (median), node ${process.version}`);
  for (const r of f.rows)
    console.log(
      `${r.label.padEnd(52)} ${r.us.toFixed(1).padStart(7)} µs/call${r.overUs !== undefined ? `   +${r.overUs.toFixed(1)} µs over the stub` : ""}`,
    );
  console.log(
    `Introw one-call app             minified ${f.plain.minified} B   gzip ${f.plain.gzip} B`,
  );
  console.log(
    `… with createMockFetch          minified ${f.withMock.minified} B   gzip ${f.withMock.gzip} B`,
  );
  console.log(
    `the mock and Introw's data add  minified ${f.withMock.minified - f.plain.minified} B   gzip ${f.withMock.gzip - f.plain.gzip} B`,
  );
}
