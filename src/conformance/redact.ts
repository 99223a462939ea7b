/**
 * Reports show requests and answers, but not credentials: appInfo userName/password (encrypted or
 * not) and the Kit clientSecret are replaced before anything is printed or written.
 */
const SECRET_KEY = /^(password|username|clientsecret|secret|token)$/i;
const MAX_EXCERPT = 2000;

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) && v !== "" ? "[redacted]" : redact(v)]));
  }
  return value;
}

/** A response body for a report: redacted when it is JSON, cut to 2,000 characters. */
export function answerExcerpt(text: string): string {
  let out = text;
  try {
    out = JSON.stringify(redact(JSON.parse(text)));
  } catch {
    // Not JSON: shown as received (the failure says so).
  }
  return out.length > MAX_EXCERPT ? `${out.slice(0, MAX_EXCERPT)}…` : out;
}
