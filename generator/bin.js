#!/usr/bin/env node
// Entry point of the `openapi-client-gen` command: runs the TypeScript CLI through tsx.
import { register } from "tsx/esm/api";

register();
await import("./cli.ts");
