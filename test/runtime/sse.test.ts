/**
 * The stream decoders (templates/runtime/sse.ts): the WHATWG event-stream parsing rules, NDJSON and json-seq
 * records, the per-record byte cap, and that any split of the bytes into chunks gives the same records.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decoder, type ServerSentEvent } from "../../templates/runtime/sse.js";
import type { StreamFormat } from "../../templates/runtime/types.js";

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const tooBig = (): never => {
  throw new RangeError("over");
};

/** Decodes `chunks` (strings or bytes) in order, then ends the body. */
function decode(format: StreamFormat, chunks: (string | Uint8Array)[], cap = Infinity) {
  const d = decoder(format, cap, tooBig);
  const out = chunks.flatMap((c) => d.push(typeof c === "string" ? bytes(c) : c));
  return { records: [...out, ...d.end()], state: d.state };
}
const sse = (...chunks: (string | Uint8Array)[]) =>
  decode("sse", chunks).records as ServerSentEvent[];
const ev = (data: string, more: Partial<ServerSentEvent> = {}): ServerSentEvent => ({
  event: "message",
  data,
  id: undefined,
  retry: undefined,
  ...more,
});

describe("server-sent events (WHATWG event stream)", () => {
  it("dispatches on a blank line, joins data lines with LF and defaults the type to message", () => {
    expect(sse("data: a\ndata:  b\ndata\n\nevent: add\ndata: {}\n\n")).toEqual([
      ev("a\n b\n"),
      ev("{}", { event: "add" }),
    ]);
  });

  it("accepts CR, LF and CRLF line ends, also a CRLF split across chunks", () => {
    expect(sse("data: 1\r\rdata: 2\n\ndata: 3\r\n\r\n")).toEqual([ev("1"), ev("2"), ev("3")]);
    expect(sse("data: 1\r", "\n", "\r", "\ndata: 2\r", "\r")).toEqual([ev("1"), ev("2")]);
  });

  it("ignores comments, unknown fields and a retry that is not all digits", () => {
    const { records, state } = decode("sse", [": ping\nfoo: bar\nretry: 1.5\ndata: x\n\n"]);
    expect(records).toEqual([ev("x")]);
    expect(state.retry).toBeUndefined();
  });

  it("keeps the last event id across events, resets it with an empty id and ignores one with NUL", () => {
    const out = sse("id: 7\ndata: a\n\ndata: b\n\nid: x\0y\ndata: c\n\nid\ndata: d\n\n");
    expect(out.map((e) => e.id)).toEqual(["7", "7", "7", undefined]);
  });

  it("sets retry on the event and the state, and the last event id even when no event follows", () => {
    const { records, state } = decode("sse", ["retry: 2500\ndata: a\n\nid: 9\n\n"]);
    expect(records).toEqual([ev("a", { retry: 2500 })]);
    expect(state).toEqual({ id: "9", retry: 2500 });
  });

  it("discards an event without its closing blank line at the end of the body", () => {
    expect(sse("data: a\n\ndata: b\n")).toEqual([ev("a")]);
  });

  it("strips one BOM at the start of the stream only, also split across chunks", () => {
    const bom = bytes("\ufeff");
    expect(sse(bom.subarray(0, 1), bom.subarray(1), "data: x\n\n")).toEqual([ev("x")]);
    expect(sse("data: x\n\n\ufeffdata: y\n\n")).toEqual([ev("x")]);
  });

  it("decodes UTF-8 split inside a character", () => {
    const b = bytes("data: héllo ✓\n\n");
    expect(sse(b.subarray(0, 8), b.subarray(8, 17), b.subarray(17))).toEqual([ev("héllo ✓")]);
  });

  it("calls `over` once an event passes the cap, before its end arrives", () => {
    expect(decode("sse", ["data: 12345\n\n"], 13).records).toEqual([ev("12345")]);
    const d = decoder("sse", 12, tooBig);
    expect(() => d.push(bytes("data: 1234\ndata: 5678"))).toThrow("over");
    // a long line without an end is caught too
    expect(() => decoder("sse", 100, tooBig).push(bytes("data: " + "x".repeat(200)))).toThrow();
  });
});

describe("NDJSON and json-seq", () => {
  it("cuts NDJSON at line ends, skips blank lines and keeps a last line without a line end", () => {
    expect(decode("ndjson", ['{"a":1}\r\n\n  \n{"a"', ":2}\n[3]"]).records).toEqual([
      '{"a":1}',
      '{"a":2}',
      "[3]",
    ]);
  });

  it("cuts json-seq at RS and caps each record", () => {
    expect(decode("json-seq", ['\x1e{"a":1}\n\x1e', "[2]\n"]).records).toEqual([
      '{"a":1}\n',
      "[2]\n",
    ]);
    expect(() => decode("json-seq", ["\x1e" + "1".repeat(50)], 10)).toThrow("over");
  });
});

describe("chunking", () => {
  /** Cuts `b` at the given positions. */
  const split = (b: Uint8Array, cuts: number[]): Uint8Array[] => {
    const at = [...new Set(cuts.map((c) => c % (b.length + 1)))].sort((x, y) => x - y);
    return [...at, b.length].map((end, i) => b.subarray(i ? at[i - 1] : 0, end));
  };
  const line = fc.oneof(
    fc.constantFrom("", ":c", "data", "data:", "retry: 10", "id: 1", "event: e", "\ufeffdata: x"),
    fc.string({ unit: "grapheme" }).map((s) => `data: ${s.replace(/[\r\n]/g, "")}`),
  );
  const eol = fc.constantFrom("\n", "\r", "\r\n");
  const body = fc
    .array(fc.tuple(line, eol), { maxLength: 30 })
    .map((ls) => "\ufeff" + ls.map(([l, e]) => l + e).join(""));

  it("any split of the bytes gives the same events and state (property)", () => {
    fc.assert(
      fc.property(body, fc.array(fc.nat(), { maxLength: 20 }), (text, cuts) => {
        const b = bytes(text);
        const whole = decode("sse", [b]);
        expect(decode("sse", split(b, cuts))).toEqual(whole);
        expect(
          decode(
            "sse",
            [...b].map((x) => Uint8Array.of(x)),
          ),
        ).toEqual(whole);
      }),
    );
  });

  it("any split gives the same NDJSON records (property)", () => {
    const records = fc.array(fc.tuple(fc.jsonValue(), eol), { maxLength: 20 });
    fc.assert(
      fc.property(records, fc.array(fc.nat(), { maxLength: 20 }), (rs, cuts) => {
        const b = bytes(rs.map(([v, e]) => JSON.stringify(v) + e).join(""));
        const out = decode("ndjson", split(b, cuts)).records as string[];
        expect(out.map((s) => JSON.parse(s) as unknown)).toEqual(
          rs.map(([v]) => JSON.parse(JSON.stringify(v)) as unknown),
        );
      }),
    );
  });
});
