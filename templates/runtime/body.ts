/**
 * Reads a response body with a byte limit, so that a huge or endless body cannot exhaust memory.
 */
import { noop } from "./api-promise.js";

/**
 * Streams `res.body`, decoding text as it arrives (or keeping the bytes, for `binary`), and stops once more
 * than `cap` bytes arrived, or at once when `Content-Length` is over `cap` (for a 2xx body, where it means
 * failure). The stream is cancelled when it stops early.
 * @param cap the most bytes to keep (after decompression)
 * @param net wraps each read, turning a broken stream into the attempt's connection error
 * @returns the text (cut at `cap` bytes), or the Blob for `binary`, and whether the body was longer than `cap`
 */
export async function readBody(
  res: Response,
  cap: number,
  binary: boolean,
  net: <T>(p: Promise<T>) => Promise<T>,
): Promise<[body: string | Blob, over: boolean]> {
  const reader = res.body?.getReader();
  const chunks: Uint8Array[] = [];
  const decoder = new TextDecoder();
  let text = "";
  let n = res.ok && +res.headers.get("content-length")! > cap ? Infinity : 0;
  while (reader && n <= cap) {
    const { done, value } = await net(reader.read());
    if (done) break;
    n += value.length;
    const part = n > cap ? value.subarray(0, cap - n) : value;
    if (binary) chunks.push(part);
    else text += decoder.decode(part, { stream: true });
  }
  if (n > cap) void reader?.cancel().catch(noop);
  return [
    binary
      ? new Blob(chunks as ConstructorParameters<typeof Blob>[0], {
          type: res.headers.get("content-type") ?? "",
        })
      : text + decoder.decode(),
    n > cap,
  ];
}
