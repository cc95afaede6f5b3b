// Types for the modules of openapi-typescript that emit/types.ts imports directly (the package publishes types for
// its main module only); each is the same function the main module exports.
declare module "openapi-typescript/dist/transform/index.js" {
  const transformSchema: typeof import("openapi-typescript").transformSchema;
  export default transformSchema;
}
declare module "openapi-typescript/dist/lib/ts.js" {
  export const astToString: typeof import("openapi-typescript").astToString;
}
declare module "openapi-typescript/dist/lib/utils.js" {
  export const resolveRef: typeof import("openapi-typescript").resolveRef;
  export const scanDiscriminators: typeof import("openapi-typescript").scanDiscriminators;
}
