// Types for one-typescript.js (plain JavaScript so bin.js can use it before TypeScript loads). See it for docs.
export function shareTypeScript(): string | undefined;
