/**
 * Reads a response body with a byte limit, so that a huge or endless body cannot exhaust memory.
 */
import { noop } from "./api-promise.js";

/**
 * Streams `res.body` and stops once more than `cap` bytes arrived, or at once when `Content-Length` is over
 * `cap` (for a 2xx body, where it means failure). The stream is cancelled when it stops early.
 * @param cap the most bytes to keep (after decompression)
 * @param net wraps each read, turning a broken stream into the attempt's connection error
 * @returns the text (UTF-8, cut at `cap` bytes), or the Blob for `binary`, and whether the body was longer than `cap`
 */
export async function readBody(
  res: Response,
  cap: number,
  binary: boolean,
  net: <T>(p: Promise<T>) => Promise<T>,
): Promise<[body: string | Blob, over: boolean]> {
  const reader = res.body?.getReader();
  const chunks: Uint8Array[] = [];
  let n = res.ok && +res.headers.get("content-length")! > cap ? Infinity : 0;
  while (reader && n <= cap) {
    const { done, value } = await net(reader.read());
    if (done) break;
    n += value.length;
    chunks.push(n > cap ? value.subarray(0, cap - n) : value);
  }
  if (n > cap) void reader?.cancel().catch(noop);
  // a 2xx body over the cap fails: it is neither copied nor decoded
  const blob = new Blob(
    (n > cap && res.ok ? [] : chunks) as ConstructorParameters<typeof Blob>[0],
    {
      type: res.headers.get("content-type") ?? "",
    },
  );
  return [binary ? blob : await blob.text(), n > cap];
}
