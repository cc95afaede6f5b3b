/**
 * Applies an operation's security requirement: the first alternative whose schemes all have credentials.
 */
import type { BasicAuth, Client, OutgoingRequest } from "./client.js";
import type {
  ClientSpec,
  CredentialEncoder,
  OperationSpec,
  ParamSpec,
  PartialSecurity,
} from "./types.js";

const AUTHORIZATION: ParamSpec = { name: "authorization", in: "header" };

/** Header names whose values are treated as credentials: redacted, and removed before another origin. */
export const CREDENTIAL = /auth|api.?key|token|secret|session|signature|cookie|password/i;

/**
 * Removes every credential the client added before a request goes to another origin: headers whose names
 * look like credentials (`CREDENTIAL`: `Authorization`, `Cookie`, API keys, tokens), the header of every
 * apiKey security scheme, and API keys sent in the query from `next` (the redirect target).
 * @param h the request headers (lower-cased names), changed in place
 * @param next the redirect target, whose query loses the apiKey schemes' query parameters (changed in place)
 * @param schemes the client's security schemes by name
 */
export function stripCredentials(
  h: Record<string, string>,
  next: URL,
  schemes: ClientSpec["securitySchemes"],
): void {
  for (const k in h) if (CREDENTIAL.test(k)) delete h[k];
  for (const s of Object.values(schemes) as ParamSpec[])
    if (s.in === "header") delete h[s.name.toLowerCase()];
    else if (s.in === "query") next.searchParams.delete(s.name);
}

/**
 * `encode` of an HTTP basic security scheme (`{ type: "http", scheme: "basic", encode: basicAuth }`):
 * `Basic ` + the UTF-8 base64 of `username:password` (btoa alone rejects non-Latin-1 text). The password and
 * the token are secrets.
 */
export const basicAuth: CredentialEncoder<BasicAuth> = ({ username, password }, secrets) => {
  const token = btoa(String.fromCharCode(...new TextEncoder().encode(username + ":" + password)));
  secrets.push(password, token);
  return "Basic " + token;
};

/**
 * `encode` of a bearer-token scheme (HTTP bearer, OAuth 2, OpenID Connect): `Bearer ` + the token, a secret.
 */
export const bearerAuth: CredentialEncoder = (token, secrets) => {
  secrets.push(String(token));
  return "Bearer " + token;
};

/**
 * `OperationSpec.partial` of an operation whose security requirement lists several schemes: when no alternative
 * is complete and none needs no credentials (`{}`), a partly configured one is an error rather than a request
 * without credentials (which would only get a 401).
 * @throws TypeError naming the operation, the missing schemes and the configured ones
 */
export const rejectPartial: PartialSecurity = ({ id, security }, has) => {
  const part = security.every((alt) => alt.length) && security.find((alt) => alt.some(has));
  if (part)
    throw new TypeError(
      // eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- arrays join with ",", in fewer bytes than .join()
      `${id}: security scheme ${part.filter((n) => !has(n))} has no credential (required with ${part.filter(has)})`,
    );
};

/**
 * Resolves credentials and passes each to `add` as a parameter: an API key as the header, query or cookie
 * parameter its scheme names, any other credential as the `authorization` header its scheme's `encode`
 * gives. The request loop calls this for every attempt, after every other parameter, so credentials win.
 * Constant credentials are added first, then credential functions are called in the requirement's order with
 * `outgoing()`, the request as it stands. When no alternative is complete, `spec.partial` decides (see
 * {@link rejectPartial}); without it nothing is sent, as when the operation's security is `[]`.
 * @param add sends one parameter, as for the operation's own parameters
 * @param secrets receives every credential value, which must never be shown
 * @throws TypeError from `spec.partial`, or when a credential function returns undefined or null
 */
export async function applyAuth(
  client: Client,
  spec: OperationSpec,
  add: (p: ParamSpec, v: string) => void,
  secrets: string[],
  outgoing: () => OutgoingRequest,
): Promise<void> {
  const auth = client.options.auth ?? {};
  const schemes = client.spec.securitySchemes;
  const { id, security } = spec;
  const has = (n: string): unknown => auth[n] != null && schemes[n];
  const chosen = security.find((alt) => alt.every(has));
  if (!chosen) spec.partial?.(spec, has);
  // constant credentials first, then functions, which see the request with the constants set
  for (const fn of [false, true])
    for (const name of chosen ?? []) {
      const c = auth[name];
      if ((typeof c === "function") !== fn) continue;
      const scheme = schemes[name]!;
      const cred = typeof c === "function" ? await c(outgoing()) : c;
      if (cred == null)
        throw new TypeError(
          `${id}: security scheme ${name} has no credential (its function returned ${cred})`,
        );
      if (scheme.type !== "apiKey") add(AUTHORIZATION, scheme.encode(cred as never, secrets));
      else {
        // eslint-disable-next-line @typescript-eslint/no-base-to-string -- an API key is a string (a number is allowed)
        const v = String(cred);
        secrets.push(v);
        add(scheme, v);
      }
    }
}
