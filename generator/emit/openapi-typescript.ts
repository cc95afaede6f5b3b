/**
 * openapi-typescript's and redocly's public entry points, loaded through `require` (their CommonJS builds, the
 * packages' documented `require` exports). Loaded as ES modules they would import `typescript` and redocly as
 * ES modules too, and Node then scans those large CommonJS files for their export names before running them.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export const { default: openapiTS, astToString } =
  require("openapi-typescript") as typeof import("openapi-typescript");
export const { createConfig } =
  require("@redocly/openapi-core") as typeof import("@redocly/openapi-core");
