/**
 * The command line's arguments: `openapi-client-gen generate [options]` → CliArgs (node:util's parseArgs).
 */
import { parseArgs } from "node:util";
import type { TargetFlags } from "../config/load-config.js";

export const USAGE = `Usage: openapi-client-gen generate [options]

Generates typed TypeScript clients from OpenAPI documents. Without flags, builds every target of
openapi-client-gen.config.{ts,mjs,json} in the working directory.

Options:
  -t, --target <name>      Build only this target of the config file
  -c, --config <file>      Config file [openapi-client-gen.config.{ts,mjs,json}]
  -i, --input <file>       OpenAPI document (JSON or YAML; entry file of a multi-file spec); overrides the target's
  -o, --output <dir>       Output directory; overrides the target's
  -n, --name <ApiName>     API name used in type names (IntrowClientConfig); overrides the target's
      --check              Compare with the output on disk instead of writing; exit 1 if it differs
      --force              Regenerate even when spec, config and generator are unchanged, and overwrite
                           generated files that were edited by hand
      --watch              Regenerate when the spec (any of its files) or the config changes
      --fail-on-breaking   Exit 1 when the spec changed in a way that breaks client code
      --strict             Treat every warning as an error
      --allow-remote-refs  Allow $refs to http(s) URLs (network access)
      --verbose            Print stack traces and every warning
  -h, --help               Show this help`;

/** The command line cannot be understood: exit 2 with the usage text. */
export class UsageError extends Error {}

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

/**
 * Parses the arguments after the program name.
 * @throws {UsageError} on an unknown command or flag, a missing value, or flags that cannot be combined.
 */
export function parseCliArgs(argv: readonly string[]): CliArgs {
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
