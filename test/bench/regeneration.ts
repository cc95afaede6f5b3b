/**
 * Regeneration benchmark: the spec's next version differs from the previous one in one component schema (a
 * description added). Ours regenerates over its previous output with the format cache that generation left;
 * hey-api (which has no cache) generates the new version. Both CLIs run as whole processes, interleaved.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse, stringify } from "yaml";
import { type Contender, type ProcessSample, interleave, median, removeDir } from "./common.js";
import {
  GENERATION_TOOLS,
  formatCacheDir,
  generateOnce,
  outputDir,
  type GenerationFigure,
  type GenerationTool,
} from "./generation.js";

export interface RegenerationFigures {
  readonly figures: Map<string, GenerationFigure>;
  /** The schema that changed. */
  readonly schema: string;
  /** Our CLI's stage timings (median ms per stage, as it prints them), in pipeline order. */
  readonly stages: [string, number][];
}

/**
 * Writes `<scratch>/regen/v1.yaml` (the spec as `yaml` prints it) and `v2.yaml` (the same with a description
 * added to the component schema in the middle of `components.schemas`).
 */
function writeVersions(spec: string, scratch: string): { v1: string; v2: string; schema: string } {
  const dir = path.join(scratch, "regen");
  removeDir(dir);
  const document = parse(readFileSync(spec, "utf8")) as {
    components: { schemas: Record<string, Record<string, unknown>> };
  };
  const v1 = path.join(dir, "v1.yaml");
  const v2 = path.join(dir, "v2.yaml");
  mkdirSync(dir, { recursive: true });
  writeFileSync(v1, stringify(document));
  const names = Object.keys(document.components.schemas);
  const schema = names[Math.floor(names.length / 2)]!;
  const target = document.components.schemas[schema]!;
  const description = typeof target["description"] === "string" ? `${target["description"]} ` : "";
  target["description"] = `${description}Changed in the next version.`;
  writeFileSync(v2, stringify(document));
  return { v1, v2, schema };
}

/** `load 286.2 ms, validate 67.7 ms, …` from our CLI's output. */
function stageTimings(output: string): [string, number][] {
  const line = /^\s*(load [\d.]+ ms, .*)$/m.exec(output)?.[1] ?? "";
  return [...line.matchAll(/([a-z]+) ([\d.]+) ms/g)].map((m) => [m[1]!, Number(m[2])]);
}

/** Times ours (regenerating v2 over v1's output and cache) against hey-api (generating v2). */
export async function benchRegeneration(
  spec: string,
  scratch: string,
): Promise<RegenerationFigures> {
  const { v1, v2, schema } = writeVersions(spec, scratch);
  const tools = GENERATION_TOOLS.filter((t) => t.id === "ours" || t.id === "hey");
  const input = (file: string) => ({ id: "regen", file, name: "OpenAI" });
  const prepare = async (c: Contender<GenerationTool>): Promise<void> => {
    removeDir(outputDir(scratch, c.id, "regen"));
    if (c.id !== "ours") return;
    removeDir(formatCacheDir(scratch));
    const previous = await generateOnce(input(v1), scratch, c);
    if (previous.exitCode !== 0) throw new Error(`generating v1 failed: ${previous.tail}`);
  };
  const samples = await interleave(
    tools,
    (c) => generateOnce(input(v2), scratch, c),
    prepare,
    (s: ProcessSample) => s.exitCode !== 0,
  );
  const figures = new Map<string, GenerationFigure>();
  for (const c of tools) {
    const ok = (samples.get(c.id) ?? []).filter((s) => s.exitCode === 0);
    figures.set(
      c.id,
      ok.length === 0
        ? { failure: samples.get(c.id)?.[0]?.tail ?? "not run" }
        : {
            wallMs: median(ok.map((s) => s.wallMs)),
            rssMb: median(ok.map((s) => s.rssMb)),
            cpuMs: median(ok.map((s) => s.cpuMs)),
          },
    );
  }
  const ours = (samples.get("ours") ?? []).filter((s) => s.exitCode === 0);
  const perRun = ours.map((s) => stageTimings(s.output));
  const stages = (perRun[0] ?? []).map(([stage], i): [string, number] => [
    stage,
    median(perRun.map((run) => run[i]?.[1] ?? 0)),
  ]);
  removeDir(path.join(scratch, "regen"));
  return { figures, schema, stages };
}
