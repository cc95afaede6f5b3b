/**
 * Request signing for the payout provider's `signature` header, as shown in README.md ("A second API: the payout
 * provider"). The README's code block is the part of this file after the `README example` marker, verbatim;
 * test/client/payout-provider.test.ts checks they are identical and uses these functions against Prism and a
 * loopback server, so the documented example is the tested one.
 *
 * ASSUMED (`x-source: assumed` in spec/payout-provider.openapi.yaml): the provider's page shows only
 * `signature: <token>`. This file assumes HMAC-SHA256 with the account's API secret, hex-encoded, over
 * `METHOD \n path?query \n body`. Confirm the signed content against the provider's Authentication page.
 */

// README example
const encoder = new TextEncoder();

/** The parts of an outgoing request the signature covers (credential functions also get its `headers`). */
export interface SignedRequest {
  readonly method: string;
  readonly url: string;
  /** The body as sent: a string (JSON, text), or undefined/null when there is none. */
  readonly body?: unknown;
}

/**
 * The text a request's signature covers: method, path with query string, and body, joined by "\n".
 * @param request - The outgoing request's method, full URL and body.
 * @returns e.g. `"GET\n/api/payout/?subaccount_id=s1&lastkey=k2\n"` (the body is empty for a GET).
 * @throws {TypeError} For a body that is not text (FormData, binary): such requests need their own scheme.
 */
export function signedContent(request: SignedRequest): string {
  const url = new URL(request.url);
  const body = request.body ?? "";
  if (typeof body !== "string")
    throw new TypeError("signedContent: only a text body can be signed");
  return `${request.method}\n${url.pathname}${url.search}\n${body}`;
}

/**
 * HMAC-SHA256 of `content` keyed with `secret` (both UTF-8), with Web Crypto (browsers, Node >= 20, Deno, Bun).
 * @returns The 64-character lower-case hex digest.
 */
export async function hmacSha256Hex(secret: string, content: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(content));
  return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The `signature` credential: a function the client calls for every attempt (every retry too) with the
 * outgoing request, after every parameter and the `apiKey` are set, sending what it returns as the header.
 * @param secret - The account's API secret; it is never sent.
 * @returns A credential function giving `hmacSha256Hex(secret, signedContent(request))`.
 */
export function signature(secret: string): (request: SignedRequest) => Promise<string> {
  return (request) => hmacSha256Hex(secret, signedContent(request));
}
