/**
 * A refused staff form, field by field, in the console's language. tRPC answers a refused input
 * with the validator's issue list in JSON inside its message ("… ([{"code":"too_small",
 * "minimum":1,"path":["userName"],…}])"); each issue is worded here from its code and limits, so
 * a zh page shows no English. An issue of a kind the staff forms cannot produce keeps the
 * validator's own words (the caller marks them as server detail).
 */
import type { AdminTranslate } from "~/i18n/admin/dictionary";

export interface FormIssue {
  /** The field's path, dot-joined ("" for the whole input). */
  field: string;
  /** Our wording, or null when the issue is of a kind we have none for. */
  text: string | null;
  /** The validator's English, shown when `text` is null. */
  problem: string;
}

interface RawIssue {
  code?: unknown;
  path?: unknown;
  message?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  origin?: unknown;
  format?: unknown;
}

/** The issues in a refused input's message, or null when it holds none. */
export function formIssuesIn(message: string, t: AdminTranslate): FormIssue[] | null {
  const start = message.indexOf("[");
  const end = message.lastIndexOf("]");
  if (start < 0 || end <= start) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.slice(start, end + 1));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  const issues = parsed.flatMap((raw: unknown): FormIssue[] => {
    if (typeof raw !== "object" || raw === null) return [];
    const i = raw as RawIssue;
    if (typeof i.message !== "string") return [];
    const field = Array.isArray(i.path) ? i.path.join(".") : "";
    return [{ field, text: issueText(field, i, t), problem: i.message }];
  });
  return issues.length > 0 ? issues : null;
}

function issueText(field: string, i: RawIssue, t: AdminTranslate): string | null {
  const n = (v: unknown) => (typeof v === "number" || typeof v === "bigint" ? Number(v) : null);
  const text = i.origin === undefined || i.origin === "string";
  switch (i.code) {
    case "too_small": {
      const min = n(i.minimum);
      if (!text || min === null) return null;
      return min <= 1 ? t("ops.issue.required") : t("ops.issue.tooShort", { n: min });
    }
    case "too_big": {
      const max = n(i.maximum);
      return text && max !== null ? t("ops.issue.tooLong", { n: max }) : null;
    }
    case "invalid_format":
      // The staff schemas have one pattern: the username's (staff-admin.schema.ts).
      return field === "userName" ? t("ops.issue.userNameChars") : t("ops.issue.format");
    case "invalid_value":
    case "invalid_type":
      return t("ops.issue.value");
    default:
      return null;
  }
}
