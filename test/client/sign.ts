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

/**
 * The text a request's signature covers: method, path with query string, and body, joined by "\n".
 * @param request - The outgoing request (its body is read from a clone, so it can still be sent).
 * @returns e.g. `"GET\n/api/payout/?subaccount_id=s1&lastkey=k2\n"` (the body is empty for a GET).
 */
export async function signedContent(request: Request): Promise<string> {
  const url = new URL(request.url);
  const body = request.body === null ? "" : await request.clone().text();
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
 * An `onRequest` hook that sets the `signature` header of every request (every retry too) to
 * `hmacSha256Hex(secret, await signedContent(request))`, replacing the client's placeholder credential.
 * @param secret - The account's API secret; it is never sent.
 */
export function signRequests(secret: string): (request: Request) => Promise<void> {
  return async (request) => {
    request.headers.set("signature", await hmacSha256Hex(secret, await signedContent(request)));
  };
}
