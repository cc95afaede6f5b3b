/**
 * A child process for the kill and concurrency loops (test/helpers/write-loop.ts): the write stage alone, on
 * trees prepared by the parent. `tsx write-child.ts <output> <trees.json> <mode>`: mode "loop" writes tree 0 and
 * tree 1 in turn until killed; "0" or "1" writes that tree once and exits. Prints "ready" once its modules are loaded.
 */
import { readFileSync } from "node:fs";
import { writeOutput, type GeneratedFile } from "../../generator/write/write.js";

const [output, treesFile, mode] = process.argv.slice(2);
if (output === undefined || treesFile === undefined || mode === undefined)
  throw new Error("usage: write-child.ts <output> <trees.json> <loop|0|1>");
const trees = JSON.parse(readFileSync(treesFile, "utf8")) as GeneratedFile[][];
process.stdout.write("ready\n");
if (mode === "loop") {
  for (let i = 0; ; i++) await writeOutput(output, trees[i % 2]!, { label: "out" });
} else {
  await writeOutput(output, trees[Number(mode)]!, { label: "out" });
}
