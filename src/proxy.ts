/**
 * Next.js 16 Proxy (the former middleware), run before every page and route except static files,
 * the OneAccess emulator (which sends its own, stricter policy) and the JSON routes machines and
 * the browser's tRPC client call most — /api/marketplace… and /api/trpc: running the proxy costs
 * those requests a copy of the request, a buffered body and the proxy's own run (about a fifth
 * of a signed call's CPU: `npm run bench:profile`); they set their constant API headers and
 * their request id themselves (src/server/security/api-headers.ts, request-context.ts):
 * - a fresh CSP nonce per request, put into the request's Content-Security-Policy header (Next
 *   reads the nonce from there and puts it on its scripts) and into the response's. No other
 *   request header is added for it: `x-nonce`, the name Next's guide uses, is a header of the
 *   signed Kit calls, and overwriting it broke their signature;
 * - the other security headers (src/server/security/headers.ts);
 * - the request's path for the sign-in guards' deep links (src/server/security/request-path.ts),
 *   always overwritten so a client cannot plant one;
 * - the request id (src/server/observability/request-id.ts): a sane incoming X-Request-Id is kept,
 *   anything else replaced by a new one, on the request (the routes log and store it) and on the
 *   answer, so pages get one too.
 * Nothing here reads the database or the session.
 */
import { NextResponse, type NextRequest } from "next/server";
import { result, resultMessage } from "~/koogallery/result-codes";
import { contentSecurityPolicy, isHttpsAppUrl, newNonce, staticSecurityHeaders } from "~/server/security/headers";
import { REQUEST_ID_HEADER, requestIdFrom } from "~/server/observability/request-id";
import { isDecodablePath, REQUEST_PATH_HEADER, requestPathOf } from "~/server/security/request-path";

export function proxy(request: NextRequest): NextResponse {
  const nonce = newNonce();
  const https = isHttpsAppUrl(process.env.APP_URL);
  const policy = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development", https });

  if (!isDecodablePath(request.nextUrl.pathname)) {
    // A malformed address (src/server/security/request-path.ts): the client's mistake, said so
    // with the usual headers, instead of the bare 500 Next gives for a dynamic segment.
    const refused = malformedPathAnswer(request.nextUrl.pathname);
    refused.headers.set("Content-Security-Policy", policy);
    for (const [name, value] of Object.entries(staticSecurityHeaders({ https }))) refused.headers.set(name, value);
    return refused;
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  requestHeaders.set(REQUEST_PATH_HEADER, requestPathOf(request.nextUrl));
  const requestId = requestIdFrom(request.headers);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  for (const [name, value] of Object.entries(staticSecurityHeaders({ https }))) response.headers.set(name, value);
  return response;
}

/**
 * Under the production address the answer is the protocol's (HTTP 200, 000002 "invalid request
 * parameter"), as for any path the marketplace did not mean; elsewhere a plain 400.
 */
function malformedPathAnswer(pathname: string): NextResponse {
  const why = "the address is not valid percent-encoded UTF-8";
  if (pathname.startsWith("/api/marketplace/")) {
    return NextResponse.json(result("000002", `${resultMessage("000002")}: path: ${why}`), { status: 200 });
  }
  return new NextResponse(`400 Bad Request: ${why}.\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export const config = {
  matcher: [
    // Everything but build assets, the emulator's pages and the API routes named above
    // (constants: read at build time).
    "/((?!_next/static|_next/image|dev/oneaccess/|api/marketplace(?:/|$)|api/trpc/).*)",
    // … but those routes' paths holding a percent-escape: the proxy refuses a malformed one (a
    // dynamic segment Next cannot decode, /api/marketplace/produceAPI/v2/[kind]). No marketplace
    // or tRPC client sends `%` in the path, so the hot paths never run the proxy.
    "/api/(marketplace|trpc)/(.*%.*)",
  ],
};
