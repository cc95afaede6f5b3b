#!/usr/bin/env node
// Entry point of the `openapi-client-gen` command. First the instant no-op (plain JS, no tsx): when this exact
// invocation already produced outputs that still match their spec and manifest, say so and stop. Otherwise run the
// TypeScript CLI through tsx.
import { fastNoop } from "./noop.js";

const noop = fastNoop(process.argv.slice(2), process.cwd());
if (noop !== undefined) {
  process.stdout.write(`${noop}\n`);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./cli.ts");
}
