/**
 * Fetching a remote `$ref` (only with `allowRemoteRefs`), bounded in time and in size: a server that hangs, or
 * streams without end, fails the run with a coded error instead of holding it forever or exhausting memory.
 */

/** Limits on each remote `$ref` fetch. */
export interface RemoteLimits {
  /** Longest one fetch may take, from the request to the last byte of the body, in milliseconds. */
  readonly timeoutMs: number;
  /** Most bytes one response body may have. */
  readonly maxBytes: number;
}

/** Default time limit of one remote `$ref` fetch, in milliseconds (30 s). */
export const REMOTE_TIMEOUT_MS = 30_000;

/** A remote `$ref` that could not be fetched; `code` is the issue code it is reported with. */
export class RemoteRefError extends Error {
  constructor(
    readonly code: "remote-ref-timeout" | "remote-ref-too-large" | "unresolved-ref",
    message: string,
  ) {
    super(message);
    this.name = "RemoteRefError";
  }
}

function tooLarge(url: string, limits: RemoteLimits, size: string): RemoteRefError {
  return new RemoteRefError(
    "remote-ref-too-large",
    `remote $ref '${url}' is ${size}; the limit for each file is ${limits.maxBytes} bytes. Download it and reference a smaller local file`,
  );
}

/**
 * Fetches `url` (http or https) within `limits`.
 * @returns The body as UTF-8 text and the response's content type (null when it sent none).
 * @throws {RemoteRefError} code `remote-ref-timeout` when the whole fetch takes longer than `limits.timeoutMs`;
 *   `remote-ref-too-large` when the body (by its Content-Length, or as it arrives) exceeds `limits.maxBytes`;
 *   `unresolved-ref` when the server cannot be reached or answers with a status other than 2xx.
 */
export async function fetchRemote(
  url: string,
  limits: RemoteLimits,
): Promise<{ body: string; mimeType: string | null }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    const response = await fetch(url, { signal: controller.signal });
    if (!response.ok) {
      throw new RemoteRefError(
        "unresolved-ref",
        `remote $ref '${url}' answered ${response.status} ${response.statusText}`.trim(),
      );
    }
    const declared = Number(response.headers.get("content-length") ?? "");
    if (declared > limits.maxBytes) throw tooLarge(url, limits, `${declared} bytes`);
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (response.body !== null) {
      const reader = response.body.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        size += read.value.byteLength;
        if (size > limits.maxBytes) {
          await reader.cancel();
          throw tooLarge(url, limits, `over ${limits.maxBytes} bytes (the download was stopped)`);
        }
        chunks.push(read.value);
      }
    }
    return {
      body: Buffer.concat(chunks).toString("utf8"),
      mimeType: response.headers.get("content-type"),
    };
  } catch (error) {
    if (error instanceof RemoteRefError) throw error;
    if (controller.signal.aborted) {
      throw new RemoteRefError(
        "remote-ref-timeout",
        `remote $ref '${url}' did not arrive within ${limits.timeoutMs} ms (the limit for each remote $ref). Check that the server answers, or download the file and reference it locally`,
      );
    }
    const cause = (error as Error & { cause?: Error }).cause?.message;
    throw new RemoteRefError(
      "unresolved-ref",
      `cannot fetch remote $ref '${url}': ${(error as Error).message}${cause !== undefined ? ` (${cause})` : ""}`,
    );
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}
