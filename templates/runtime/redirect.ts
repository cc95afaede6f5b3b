/**
 * How a followed redirect changes a request whose method is not GET or HEAD (for those it changes nothing):
 * `OperationSpec.redirect`, which the generated code sets, and imports from here, only on such operations.
 */
import type { RedirectedRequest } from "./types.js";

/**
 * The Fetch standard's rule: after a 303 (except for a HEAD), and after a 301 or 302 answering a POST, the
 * next request is a GET without a body, and its `content-*` headers are removed; a 307 or 308 keeps the
 * method and the body.
 * @param status the redirect's status
 * @param request the request to send next, changed in place (header names lower-cased)
 */
export function redirectRule(status: number, request: RedirectedRequest): void {
  const h = request.headers;
  if (status === 303 ? request.method !== "HEAD" : status < 303 && request.method === "POST") {
    request.method = "GET";
    request.body = undefined;
    for (const k in h) if (k.startsWith("content-")) delete h[k];
  }
}
