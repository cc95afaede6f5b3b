/**
 * The command line: argv → options → generate()/check(); prints issues and stage timings; owns exit codes.
 * Exit 0: success. Exit 1: the spec or the input is wrong (or --check found differences). Exit 2: usage error.
 */
import { parseArgs } from "node:util";
import type { TargetFlags } from "../config/load-config.js";
import { SpecError, formatIssue } from "../util/issues.js";

const USAGE = `Usage: openapi-client-gen generate [options]

Generates typed TypeScript clients from OpenAPI documents. Without flags, builds every target of
openapi-client-gen.config.{ts,mjs,json} in the working directory.

Options:
  -t, --target <name>      Build only this target of the config file
  -c, --config <file>      Config file [openapi-client-gen.config.{ts,mjs,json}]
  -i, --input <file>       OpenAPI document (JSON or YAML; entry file of a multi-file spec); overrides the target's
  -o, --output <dir>       Output directory; overrides the target's
  -n, --name <ApiName>     API name used in type names (IntrowClientConfig); overrides the target's
      --check              Compare with the output on disk instead of writing; exit 1 if it differs
      --force              Regenerate even when spec, config and generator are unchanged
      --watch              Regenerate when the spec (any of its files) or the config changes
      --fail-on-breaking   Exit 1 when the spec changed in a way that breaks client code
      --strict             Treat every warning as an error
      --allow-remote-refs  Allow $refs to http(s) URLs (network access)
      --verbose            Print stack traces and every warning
  -h, --help               Show this help`;

class UsageError extends Error {}

/** Parsed command line. */
export interface CliArgs {
  readonly command: string;
  readonly flags: TargetFlags;
  readonly config: string | undefined;
  readonly check: boolean;
  readonly force: boolean;
  readonly watch: boolean;
  readonly failOnBreaking: boolean;
  readonly verbose: boolean;
}

function parse(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        target: { type: "string", short: "t" },
        config: { type: "string", short: "c" },
        input: { type: "string", short: "i" },
        output: { type: "string", short: "o" },
        name: { type: "string", short: "n" },
        check: { type: "boolean" },
        force: { type: "boolean" },
        watch: { type: "boolean" },
        "fail-on-breaking": { type: "boolean" },
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
  const base = {
    flags: {},
    config: undefined,
    check: false,
    force: false,
    watch: false,
    failOnBreaking: false,
    verbose: false,
  };
  if (values.help === true) return { command: "help", ...base };
  const command = positionals[0] ?? "";
  if (command !== "generate")
    throw new UsageError(command === "" ? "missing command" : `unknown command '${command}'`);
  if (positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}'`);
  for (const key of ["input", "output", "name", "target", "config"] as const) {
    if (values[key] === "") throw new UsageError(`--${key} needs a value`);
  }
  if (values.check === true && values.watch === true)
    throw new UsageError("--check and --watch cannot be combined");
  return {
    command,
    check: values.check === true,
    force: values.force === true,
    watch: values.watch === true,
    failOnBreaking: values["fail-on-breaking"] === true,
    verbose: values.verbose === true,
    config: values.config,
    flags: {
      target: values.target,
      input: values.input,
      output: values.output,
      name: values.name,
      strict: values.strict === true,
      allowRemoteRefs: values["allow-remote-refs"] === true,
    },
  };
}

/** Runs the CLI; resolves to the exit code. Writes only to the given streams. */
export async function main(
  argv: readonly string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
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
    const { runCli } = await import("./run.js");
    return await runCli(args, argv, out, err);
  } catch (error) {
    if (error instanceof SpecError) {
      for (const issue of error.issues) err.write(`${formatIssue(issue)}\n`);
      const count = error.issues.filter((i) => i.severity === "error").length;
      // With several targets, the ones before this one were generated; this one's output is untouched.
      err.write(
        `openapi-client-gen: ${count} error${count === 1 ? "" : "s"}; the output directory was left unchanged.\n`,
      );
      if (args.verbose) err.write(`${error.stack ?? ""}\n`);
      return 1;
    }
    const e = error as Error;
    err.write(`openapi-client-gen: internal error: ${e.message}\n`);
    err.write(
      args.verbose
        ? `${e.stack ?? ""}\n`
        : "Run again with --verbose for the stack trace, and report it as a bug.\n",
    );
    return 1;
  }
}

const isEntry = process.argv[1] !== undefined && /cli[\\/]main\.ts$|bin\.js$/.test(process.argv[1]);
if (isEntry) {
  process.exitCode = await main(process.argv.slice(2));
}
