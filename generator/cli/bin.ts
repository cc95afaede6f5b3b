#!/usr/bin/env node
// The `openapi-client-gen` command (built to dist/generator/cli/bin.js). First the up-to-date check, which
// imports only node: builtins: when this exact invocation already produced outputs that still match their spec
// and manifest, say so and stop. Otherwise load the CLI (and with it the heavy modules) and run it.
import { fastNoop } from "./up-to-date.js";

const argv = process.argv.slice(2);
// The only place the generator reads the process's working directory: everything else is given `cwd`.
const cwd = process.cwd();
const noop = fastNoop(argv, cwd);
if (noop !== undefined) {
  process.stdout.write(`${noop}\n`);
} else {
  const { main } = await import("./main.js");
  process.exitCode = await main(argv, { cwd });
}
