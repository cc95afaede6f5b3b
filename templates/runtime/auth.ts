/**
 * Applies an operation's security requirement: the first alternative whose schemes all have credentials.
 */
import type { BasicAuth, Client } from "./client.js";
import { enc } from "./serialize.js";

/** Where credentials go for one request; `secrets` collects every value that must never be shown. */
export interface AuthTarget {
  headers: Record<string, string>;
  query: string[];
  cookies: string[];
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
    if ((scheme as { scheme?: string }).scheme === "basic") {
      const { username, password } = cred as BasicAuth;
      const token = base64(username + ":" + password);
      t.headers["authorization"] = "Basic " + token;
      t.secrets.push(password, token);
      continue;
    }
    const v = String(cred);
    t.secrets.push(v);
    if (scheme.type !== "apiKey") t.headers["authorization"] = "Bearer " + v;
    else if (scheme.in === "header") t.headers[scheme.name.toLowerCase()] = v;
    else (scheme.in === "query" ? t.query : t.cookies).push(enc(scheme.name) + "=" + enc(v));
  }
}
