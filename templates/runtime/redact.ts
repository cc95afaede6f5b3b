/**
 * Redaction of credentials from everything the client shows: error messages, bodies, headers, URLs, log
 * lines and `cause` chains. A secret is matched in the forms a server or a library may render it in, not
 * only as its exact text.
 */

const hex = (n: number, width: number): string => n.toString(16).padStart(width, "0");
const encoder = new TextEncoder();
/** Text as `\uXXXX` escapes: as a pattern it matches the text itself; as text it is the JSON escape. */
const esc = (t: string): string => t.replace(/[^]/g, (x) => "\\u" + hex(x.charCodeAt(0), 4));

/**
 * A function that replaces every secret with `[REDACTED]`. ASCII letters and digits of a secret match as
 * they are (in either case); every other character also after a backslash (`\/`), JSON-escaped (`\"`, `\n`,
 * `\uXXXX`, either hex case), percent-encoded as UTF-8 (either hex case), and a space as `+`: the forms JSON,
 * URL and form encoders give, mixed too. Longer secrets are matched first; empty ones are ignored. A text is
 * searched only when it contains a secret's longest run of letters and digits (every one of those forms keeps
 * it as it is), so the pattern is compiled only when a secret may be present.
 */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const list = secrets.filter(Boolean).sort((a, b) => b.length - a.length);
  const runs = list.map((s) =>
    s
      .split(/[^a-z\d]/i)
      .reduce((a, b) => (b.length > a.length ? b : a))
      .toLowerCase(),
  );
  let re: RegExp | undefined;
  return (text) => {
    const lower = text.toLowerCase();
    return runs.some((r) => lower.includes(r))
      ? text.replace(
          (re ??= RegExp(
            list
              .map((s) =>
                [...s]
                  .map((c) =>
                    /[a-z\d]/i.test(c)
                      ? c
                      : `(${[
                          c,
                          "\\" + c,
                          JSON.stringify(c).slice(1, -1),
                          esc(c),
                          [...encoder.encode(c)].map((b) => "%" + hex(b, 2)).join(""),
                          c === " " ? "+" : c,
                        ]
                          .map(esc)
                          .join("|")})`,
                  )
                  .join(""),
              )
              .join("|"),
            "gi",
          )),
          "[REDACTED]",
        )
      : text;
  };
}

/**
 * A copy of an error and its `cause` chain (5 deep) with message and stack redacted, keeping `name` and
 * `code`; other properties are dropped, as they may hold the request (undici's `input` URL). A string cause is
 * redacted; other values are dropped.
 * @param redact a {@link redactor}'s function
 * @param depth how many links of the `cause` chain to keep
 * @returns the redacted copy (an `Error`) or string; undefined for any other value, or past `depth`
 */
export function scrub(e: unknown, redact: (text: string) => string, depth = 5): unknown {
  return e instanceof Error && depth
    ? Object.assign(new Error(redact(e.message), { cause: scrub(e.cause, redact, depth - 1) }), {
        name: e.name,
        code: (e as { code?: unknown }).code,
        stack: redact(e.stack ?? ""),
      })
    : typeof e === "string"
      ? redact(e)
      : undefined;
}
