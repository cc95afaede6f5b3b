/**
 * The command line: argv → options → generate()/check(); prints issues and stage timings; owns exit codes.
 * Exit 0: success. Exit 1: the spec or the input is wrong (or --check found differences). Exit 2: usage error.
 */
import { SpecError, formatIssue } from "../util/issues.js";
import { parseCliArgs, USAGE } from "./argv.js";

/** Where the CLI runs and writes. */
export interface CliIo {
  /** The working directory: config files, `--input` and `--output` are relative to it. */
  readonly cwd: string;
  /** @default process.stdout */
  readonly out?: NodeJS.WritableStream;
  /** @default process.stderr */
  readonly err?: NodeJS.WritableStream;
}

/**
 * Runs the CLI; resolves to the exit code. Writes only to the given streams.
 * @param argv The arguments after the program name, e.g. `["generate", "--check"]`.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const { cwd, out = process.stdout, err = process.stderr } = io;
  let args;
  try {
    args = parseCliArgs(argv);
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
    return await runCli(args, argv, { cwd, out, err });
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
