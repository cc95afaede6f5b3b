/**
 * The mock's streamed bodies: server-sent events, NDJSON lines and json-seq records built from an operation's
 * example or generated value, so a streaming operation iterates over the mock as over a server.
 */

/** Media types the mock answers as a stream (the generator's `streamFormat`). */
export const STREAMED =
  /^(text\/event-stream|application\/(x-)?(ndjson|jsonl|jsonlines|json-seq))\b/i;

/**
 * A streamed body from an example or generated value (an array: one item each): server-sent events (an
 * object of `event`, `data`, `id`, `retry` fields is one event; anything else is one event's data, as JSON
 * unless a string), NDJSON lines or json-seq records.
 */
export function streamText(media: string, body: unknown): string {
  const items: unknown[] = Array.isArray(body) ? body : [body];
  const json = (v: unknown): string => (typeof v === "string" ? v : JSON.stringify(v));
  if (!/event-stream/i.test(media))
    return items.map((v) => (/seq/i.test(media) ? "\x1e" : "") + JSON.stringify(v) + "\n").join("");
  return items
    .map((v) => {
      const e = v as Record<string, unknown>;
      const fields =
        v &&
        typeof v === "object" &&
        "data" in e &&
        Object.keys(e).every((k) => /^(event|data|id|retry)$/.test(k))
          ? e
          : { data: v };
      return (
        Object.entries(fields)
          .flatMap(([k, x]) =>
            (k === "data" ? json(x).split(/\r\n?|\n/) : [json(x)]).map((line) => `${k}: ${line}\n`),
          )
          .join("") + "\n"
      );
    })
    .join("");
}
