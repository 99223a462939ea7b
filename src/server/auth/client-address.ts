/**
 * The client address a staff sign-in is throttled and recorded under.
 *
 * Next.js puts the socket's address into X-Forwarded-For only when the request has none, and a
 * reverse proxy appends the address it saw. So the trustworthy entry is the one appended by the
 * outermost proxy we run: TRUSTED_PROXY_COUNT entries from the end (1 = the last entry). Entries
 * further left were written by the client and are ignored. Without any reverse proxy a client
 * that sends its own X-Forwarded-For chooses its address; the per-username limit still holds
 * (README, "Staff sign-in").
 */

/** Headers as next-auth hands them to `authorize` (a plain object) or as a fetch Headers. */
export type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

const MAX_ADDRESS_LENGTH = 64;
export const UNKNOWN_ADDRESS = "unknown";

function header(source: HeaderSource, name: string): string | undefined {
  if (!source) return undefined;
  if (source instanceof Headers) return source.get(name) ?? undefined;
  const value = source[name] ?? source[name.toLowerCase()];
  return Array.isArray(value) ? value.join(",") : value;
}

export function clientAddress(source: HeaderSource, trustedProxyCount: number): string {
  const entries = (header(source, "x-forwarded-for") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  // Fewer entries than proxies (a proxy that does not append): the leftmost is the best there is.
  const picked = entries[Math.max(0, entries.length - Math.max(1, trustedProxyCount))];
  if (!picked) return UNKNOWN_ADDRESS;
  // An IPv4-mapped IPv6 address is the IPv4 address (one counter, not two).
  const normalised = picked.toLowerCase().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
  return /^[0-9a-f.:[\]%a-z-]+$/i.test(normalised) ? normalised.slice(0, MAX_ADDRESS_LENGTH) : UNKNOWN_ADDRESS;
}

export function userAgentOf(source: HeaderSource): string | null {
  const ua = header(source, "user-agent");
  return ua ? ua.slice(0, 255) : null;
}
