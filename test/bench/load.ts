/**
 * `npx tsx test/bench/load.ts [spec…]`: time of the load stage alone (read, parse, bundle), and of locating every
 * issue validate finds, for each spec (default: openai.yaml and the 2,000-file DigitalOcean spec under SPECS_DIR).
 * Each spec is loaded BENCH_RUNS + 1 times in this process: the first run (cold: modules loaded, JIT cold) is shown
 * apart, then the median of the others; wall time and the process's CPU time (user + system, which a busy machine
 * disturbs less). Never part of `npm test`.
 */
import path from "node:path";
import { load } from "../../generator/load/load.js";
import { locateIssues } from "../../generator/load/locate.js";
import { validate } from "../../generator/validate/validate.js";
import { median, RUNS, SPECS_DIR } from "./common.js";

const specs =
  process.argv.length > 2
    ? process.argv.slice(2)
    : [
        path.join(SPECS_DIR, "large/openai.yaml"),
        path.join(SPECS_DIR, "openapi-typescript/digital-ocean-api/DigitalOcean-public.v2.yaml"),
      ];

for (const spec of specs) {
  const loadMs: number[] = [];
  const loadCpuMs: number[] = [];
  const locateMs: number[] = [];
  let located = 0;
  for (let i = 0; i <= RUNS; i++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const loaded = await load(spec, { cwd: process.cwd() });
    const loadedAt = performance.now();
    const { user, system } = process.cpuUsage(cpu);
    loadCpuMs.push((user + system) / 1000);
    const issues = validate(loaded.document).issues;
    const validatedAt = performance.now();
    located = locateIssues(issues, loaded.file, loaded.text, loaded.positions).filter(
      (issue) => issue.line !== undefined,
    ).length;
    locateMs.push(performance.now() - validatedAt);
    loadMs.push(loadedAt - started);
  }
  const ms = (n: number): string => `${Math.round(n)} ms`;
  console.log(
    `${path.basename(spec)}: load ${ms(loadMs[0]!)} cold, ${ms(median(loadMs.slice(1)))} warm ` +
      `(CPU ${ms(loadCpuMs[0]!)} cold, ${ms(median(loadCpuMs.slice(1)))} warm); ` +
      `locating ${located} issues ${ms(locateMs[0]!)} cold, ${ms(median(locateMs.slice(1)))} warm`,
  );
}
