/**
 * Applies an operation's security requirement: the first alternative whose schemes all have credentials.
 */
import type { BasicAuth, Client } from "./client.js";
import { enc } from "./serialize.js";

/**
 * Where credentials go for one request, keyed by the OpenAPI `in` of a parameter or API key: header values
 * by lower-cased name, encoded `name=value` query and cookie pairs; `secrets` collects every value that
 * must never be shown.
 */
export interface AuthTarget {
  header: Record<string, string>;
  query: string[];
  cookie: string[];
  secrets: string[];
}

/** UTF-8 safe base64 (btoa alone rejects non-Latin-1 text). */
const base64 = (s: string): string => btoa(String.fromCharCode(...new TextEncoder().encode(s)));

/**
 * Resolves credentials (calling credential functions) and writes them into `t`.
 * Sends nothing when the operation's security is `[]` or no alternative is fully configured
 * (the server then answers 401).
 */
export async function applyAuth(
  client: Client,
  security: readonly (readonly string[])[],
  t: AuthTarget,
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
    t.secrets.push(v, basic ? b.password : v);
    if (scheme.type !== "apiKey") t.header["authorization"] = (basic ? "Basic " : "Bearer ") + v;
    else if (scheme.in === "header") t.header[scheme.name.toLowerCase()] = v;
    else t[scheme.in].push(enc(scheme.name) + "=" + enc(v));
  }
}
