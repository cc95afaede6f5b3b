// Type declarations for the parts of swagger2openapi (no bundled types) the load stage uses.
declare module "swagger2openapi" {
  export function convertObj(
    document: unknown,
    options: Record<string, unknown>,
  ): Promise<{ openapi: Record<string, unknown> }>;
}
