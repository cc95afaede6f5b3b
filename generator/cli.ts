/**
 * The command line: argv → options → generate()/check(); prints issues and stage timings; owns exit codes.
 * Exit 0: success. Exit 1: the spec or the input is wrong (or --check found differences). Exit 2: usage error.
 */
import { parseArgs } from "node:util";
import { DEFAULT_TARGET, type GenerateOptions } from "./config.js";
import { check, generateToDisk, SpecError, formatIssue } from "./index.js";

const USAGE = `Usage: openapi-client-gen generate [options]

Generates a typed TypeScript client from an OpenAPI document.

Options:
  -i, --input <file>       OpenAPI document (JSON or YAML; entry file of a multi-file spec) [${DEFAULT_TARGET.input}]
  -o, --output <dir>       Output directory [${DEFAULT_TARGET.output}]
  -n, --name <ApiName>     API name used in type names (IntrowClientConfig) [${DEFAULT_TARGET.name}]
      --check              Compare with the output on disk instead of writing; exit 1 if it differs
      --strict             Treat every warning as an error
      --allow-remote-refs  Allow $refs to http(s) URLs (network access)
      --verbose            Print stack traces and every warning
  -h, --help               Show this help`;

class UsageError extends Error {}

function parse(argv: readonly string[]): { command: string; options: GenerateOptions; check: boolean; verbose: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        input: { type: "string", short: "i" },
        output: { type: "string", short: "o" },
        name: { type: "string", short: "n" },
        check: { type: "boolean" },
        strict: { type: "boolean" },
        "allow-remote-refs": { type: "boolean" },
        verbose: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { command: "help", options: DEFAULT_TARGET, check: false, verbose: false };
  const command = positionals[0] ?? "";
  if (command !== "generate") throw new UsageError(command === "" ? "missing command" : `unknown command '${command}'`);
  if (positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}'`);
  for (const key of ["input", "output", "name"] as const) {
    if (values[key] === "") throw new UsageError(`--${key} needs a value`);
  }
  return {
    command,
    check: values.check === true,
    verbose: values.verbose === true,
    options: {
      input: values.input ?? DEFAULT_TARGET.input,
      output: values.output ?? DEFAULT_TARGET.output,
      name: values.name ?? DEFAULT_TARGET.name,
      strict: values.strict === true,
      allowRemoteRefs: values["allow-remote-refs"] === true,
    },
  };
}

function timingLine(timings: Readonly<Record<string, number>>): string {
  return Object.entries(timings)
    .map(([stage, ms]) => `${stage} ${ms} ms`)
    .join(", ");
}

/** Runs the CLI; resolves to the exit code. Writes only to the given streams. */
export async function main(argv: readonly string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  let args;
  try {
    args = parse(argv);
  } catch (error) {
    err.write(`openapi-client-gen: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.command === "help") {
    out.write(`${USAGE}\n`);
    return 0;
  }
  try {
    if (args.check) {
      const result = await check(args.options);
      const differs = result.stale.length + result.missing.length + result.extra.length > 0;
      if (!differs) {
        out.write(`${args.options.output} is up to date (${result.files.length} files).\n`);
        return 0;
      }
      for (const [label, list] of [["stale", result.stale], ["missing", result.missing], ["extra", result.extra]] as const) {
        for (const file of list) err.write(`${label}: ${args.options.output}/${file}\n`);
      }
      err.write(`${args.options.output} is out of date: run 'openapi-client-gen generate' and commit the result.\n`);
      return 1;
    }
    const result = await generateToDisk(args.options);
    for (const notice of result.loaded.notices) err.write(`notice: ${notice}\n`);
    const warnings = result.issues.filter((i) => i.severity === "warning");
    const shown = args.verbose ? warnings : warnings.slice(0, 20);
    for (const w of shown) err.write(`${formatIssue(w)}\n`);
    if (shown.length < warnings.length) err.write(`… and ${warnings.length - shown.length} more warnings (--verbose shows all)\n`);
    const m = result.model;
    out.write(
      `${m.name}: ${m.operations.length} operations, ${m.schemaAliases.length} schemas, ${warnings.length} warnings; ` +
        `${result.files.length} files written to ${args.options.output}\n` +
        `  ${timingLine({ ...result.timings, write: result.writeMs })}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof SpecError) {
      for (const issue of error.issues) err.write(`${formatIssue(issue)}\n`);
      const count = error.issues.filter((i) => i.severity === "error").length;
      err.write(`openapi-client-gen: ${count} error${count === 1 ? "" : "s"}; nothing was written.\n`);
      if (args.verbose) err.write(`${error.stack ?? ""}\n`);
      return 1;
    }
    const e = error as Error;
    err.write(`openapi-client-gen: internal error: ${e.message}\n`);
    err.write(args.verbose ? `${e.stack ?? ""}\n` : "Run again with --verbose for the stack trace, and report it as a bug.\n");
    return 1;
  }
}

const isEntry = process.argv[1] !== undefined && /cli\.ts$|bin\.js$/.test(process.argv[1]);
if (isEntry) {
  process.exitCode = await main(process.argv.slice(2));
}
