/**
 * Applies an operation's security requirement: the first alternative whose schemes all have credentials.
 */
import type { BasicAuth, Client } from "./client.js";
import type { ParamSpec } from "./types.js";

/** UTF-8 safe base64 (btoa alone rejects non-Latin-1 text). */
const base64 = (s: string): string => btoa(String.fromCharCode(...new TextEncoder().encode(s)));

/**
 * Resolves credentials (calling credential functions) and passes each to `add` as a parameter: an API key
 * as the header, query or cookie parameter its scheme names, HTTP basic and bearer credentials as the
 * `authorization` header. The request loop adds them after every other header, so they win.
 * Sends nothing when the operation's security is `[]` or no alternative is fully configured
 * (the server then answers 401).
 * @param add sends one parameter, as for the operation's own parameters
 * @param secrets receives every credential value, which must never be shown
 */
export async function applyAuth(
  client: Client,
  security: readonly (readonly string[])[],
  add: (p: ParamSpec, v: string) => void,
  secrets: string[],
): Promise<void> {
  const auth = client.options.auth ?? {};
  const schemes = client.spec.securitySchemes;
  const chosen = security.find(
    (alt) => alt.length > 0 && alt.every((n) => auth[n] !== undefined && schemes[n]),
  );
  for (const name of chosen ?? []) {
    const scheme = schemes[name]!;
    const c = auth[name];
    const cred = typeof c === "function" ? await c() : c;
    const basic = (scheme as { scheme?: string }).scheme === "basic";
    const b = cred as BasicAuth;
    // basic: the base64 token (the password is a secret too); otherwise the key or token itself
    const v = basic ? base64(b.username + ":" + b.password) : String(cred);
    secrets.push(basic ? b.password : "", v); // empty entries are skipped
    if (scheme.type === "apiKey") add(scheme, v);
    else add({ name: "authorization", in: "header" }, (basic ? "Basic " : "Bearer ") + v);
  }
}
