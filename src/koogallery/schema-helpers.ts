/**
 * Small zod 4 building blocks shared by the base (schemas.ts) and kit (kit-schemas.ts) body schemas,
 * so every field reports errors in the same words ("orderId: must be at most 64 characters").
 */
import { z } from 'zod';

const typeError = (expected: string) => (iss: { input?: unknown }) =>
  iss.input === undefined ? 'is required' : `must be ${expected}`;

/** Mandatory, non-empty string of at most `max` UTF-16 units (the docs' "最大字符长度"). */
export function requiredString(max: number) {
  return z
    .string({ error: typeError('a string') })
    .min(1, { error: 'must not be empty', abort: true })
    .max(max, { error: `must be at most ${max} characters`, abort: true });
}

/** Mandatory string that may be empty (kit instanceId/orderId are empty during seller debugging). */
export function possiblyEmptyString(max: number) {
  return z.string({ error: typeError('a string') }).max(max, { error: `must be at most ${max} characters` });
}

/** Optional string; an empty string is treated as absent so callers see `undefined`. */
export function optionalString(max: number) {
  return z
    .string({ error: typeError('a string') })
    .max(max, { error: `must be at most ${max} characters` })
    .optional()
    .transform((v) => (v === '' ? undefined : v));
}

/** String enum with a message listing the allowed values. */
export function enumField<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: typeError(`one of ${values.join(', ')}`) });
}

/**
 * Integer flag sent as a JSON number (`"flag":1`) but tolerated as a digit string (`"1"`),
 * normalised to the number.
 */
export function intFlag<const T extends readonly number[]>(allowed: T) {
  const msg = `must be one of ${allowed.join(', ')}`;
  return z
    .union([z.number(), z.string()], { error: typeError(`one of ${allowed.join(', ')}`) })
    .transform((v, ctx) => {
      const n = typeof v === 'number' ? v : /^[0-9]{1,2}$/.test(v) ? Number(v) : NaN;
      if (!allowed.includes(n)) {
        ctx.addIssue({ code: 'custom', message: msg });
        return z.NEVER;
      }
      return n as T[number];
    });
}

/** "path: message; path: message" — the text placed in resultMsg for 000002 answers. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : 'body'}: ${i.message}`)
    .join('; ');
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Top-level nulls are treated as absent, matching the signature canonicalisation (nulls dropped). */
export function dropTopLevelNulls(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v !== null) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
