/**
 * The security headers of the routes src/proxy.ts skips (its matcher): every answer of a wrapped
 * handler carries apiSecurityHeaders (headers.ts). HSTS follows APP_URL as read now, like the
 * proxy's. Responses with immutable headers (Response.redirect …) are copied to add them.
 */
import { apiSecurityHeaders, isHttpsAppUrl } from "./headers";

type Handler<A extends unknown[]> = (request: Request, ...rest: A) => Promise<Response>;

export function withApiSecurityHeaders<A extends unknown[]>(handler: Handler<A>): Handler<A> {
  return async (request, ...rest) => addApiSecurityHeaders(await handler(request, ...rest));
}

export function addApiSecurityHeaders(response: Response): Response {
  const headers = apiSecurityHeaders({ https: isHttpsAppUrl(process.env.APP_URL) });
  try {
    for (const name in headers) response.headers.set(name, headers[name]!);
    return response;
  } catch {
    const copy = new Response(response.body, { status: response.status, statusText: response.statusText, headers: response.headers });
    for (const name in headers) copy.headers.set(name, headers[name]!);
    return copy;
  }
}
