/**
 * Decoders for streamed response bodies, bytes in and records out (no I/O; `stream.ts` does the HTTP):
 * server-sent events as the WHATWG HTML standard parses an event stream, newline-delimited JSON
 * (`application/x-ndjson`, `application/jsonl`) and JSON text sequences (RFC 7464, `application/json-seq`).
 * Records come out the same however the bytes are split into chunks.
 */
import type { StreamFormat } from "./types.js";

/** One server-sent event. */
export interface ServerSentEvent<TData = string> {
  /** The `event` field; `"message"` when the event has none. */
  event: string;
  /** The `data` lines joined by `\n`; parsed as JSON when the operation's schema says the data is JSON. */
  data: TData;
  /** The last event ID so far (the latest `id` field, which persists across events); undefined when empty. */
  id: string | undefined;
  /** The reconnection time in ms that this event's `retry` field set, else undefined. */
  retry: number | undefined;
}

/** An incremental decoder of one response body. */
export interface Decoder {
  /** Decodes the next chunk: the records it completes (SSE events, or the JSON text of each NDJSON line or json-seq record). */
  push(chunk: Uint8Array): (ServerSentEvent | string)[];
  /** The end of the body: an SSE event without its closing blank line is discarded; a last NDJSON line without a line end is kept. */
  end(): (ServerSentEvent | string)[];
  /** SSE: the last event ID (sent as `Last-Event-ID` on reconnect) and the reconnection time in ms. */
  readonly state: { id: string; retry: number | undefined };
}

const LF = 10;
const CR = 13;
const RS = 30;

/**
 * A decoder for `format`.
 * @param format `"sse"`, `"ndjson"` or `"json-seq"` (`StreamSpec.format`)
 * @param cap the most bytes one record may have (an SSE event: all its lines; NDJSON: a line; json-seq: a record)
 * @param over called (and expected to throw) as soon as a record passes `cap`, before it is all buffered
 * @returns a new {@link Decoder}, for one response body
 */
export function decoder(format: StreamFormat, cap: number, over: () => never): Decoder {
  // UTF-8 without stripping a BOM at the start of every line: only the stream's first BOM goes (below).
  const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
  const state: Decoder["state"] = { id: "", retry: undefined };
  let parts: Uint8Array[] = [];
  let size = 0; // bytes in `parts`
  let held = 0; // bytes of the SSE event's completed lines
  let cr = false; // the last chunk ended in CR: a LF that follows is part of the same line end
  let first = true;
  let type = "";
  let data = "";
  let retry: number | undefined;
  const out: (ServerSentEvent | string)[] = [];

  const text = (): string => {
    const bytes = parts.length === 1 ? parts[0]! : new Uint8Array(size);
    if (parts.length > 1) parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
    let s = utf8.decode(bytes);
    if (first && s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    first = false;
    parts = [];
    size = 0;
    return s;
  };

  /** One complete line (SSE) or record (NDJSON, json-seq). */
  const record = (): void => {
    const n = size;
    const s = text();
    if (format !== "sse") {
      if (s.trim()) out.push(s);
      return;
    }
    held += n;
    if (s === "") {
      // dispatch: the last event ID is set even when no event follows
      held = 0;
      if (data)
        out.push({
          event: type || "message",
          data: data.slice(0, -1),
          id: state.id || undefined,
          retry,
        });
      type = data = "";
      retry = undefined;
      return;
    }
    if (s.charCodeAt(0) === 58) return; // ":" a comment (keep-alive)
    const colon = s.indexOf(":");
    const field = colon < 0 ? s : s.slice(0, colon);
    const value = colon < 0 ? "" : s.slice(colon + (s.charCodeAt(colon + 1) === 32 ? 2 : 1));
    if (field === "data") data += value + "\n";
    else if (field === "event") type = value;
    else if (field === "id") state.id = value.includes("\0") ? state.id : value;
    else if (field === "retry" && /^\d+$/.test(value)) state.retry = retry = +value;
  };

  const keep = (bytes: Uint8Array): void => {
    if (!bytes.length) return;
    parts.push(bytes);
    size += bytes.length;
    if (size + held > cap) over();
  };

  return {
    state,
    push(chunk) {
      out.length = 0;
      let i = 0;
      if (cr && chunk[0] === LF) i = 1;
      cr = false;
      while (i < chunk.length) {
        let j = i;
        if (format === "json-seq") j = chunk.indexOf(RS, i);
        else while (j < chunk.length && chunk[j] !== LF && chunk[j] !== CR) j++;
        if (j < 0 || j === chunk.length) {
          keep(chunk.subarray(i));
          break;
        }
        keep(chunk.subarray(i, j));
        record();
        i = j + 1;
        if (chunk[j] === CR) {
          if (i === chunk.length) cr = true;
          else if (chunk[i] === LF) i++;
        }
      }
      return out.slice();
    },
    end() {
      out.length = 0;
      if (format !== "sse" && size) record();
      return out.slice();
    },
  };
}
