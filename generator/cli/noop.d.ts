// Types for noop.js (plain JavaScript so bin.js can use it before tsx loads). See noop.js for docs.
export interface TargetRecord {
  readonly output: string;
  readonly specFiles: readonly string[];
  readonly specHash: string;
  readonly manifestHash: string;
}
export function generatorFingerprint(): string;
export function keyOf(...parts: string[]): string;
export function cacheDir(cwd: string): string;
export function specFilesHash(cwd: string, files: readonly string[]): string | undefined;
export function writeRecord(cwd: string, key: string, value: unknown): void;
export function verifyOutput(outputDir: string, manifestHash?: string): boolean;
export function generatorVersion(): string | undefined;
export function recordOutputFingerprint(cwd: string, output: string, fingerprint: string): void;
export function manifestNoop(
  cwd: string,
  input: string,
  output: string,
  fingerprint: string,
  optionsHash: string,
): string[] | undefined;
export function verifyTarget(cwd: string, record: unknown): boolean;
export function invocationKey(cwd: string, argv: readonly string[], fingerprint: string): string;
export function targetKey(
  cwd: string,
  fingerprint: string,
  optionsHash: string,
  output: string,
): string;
export function fastNoop(argv: readonly string[], cwd: string): string | undefined;
export function recordInvocation(
  cwd: string,
  argv: readonly string[],
  targetKeys: readonly string[],
): void;
export function verifiedTarget(cwd: string, key: string): TargetRecord | undefined;
