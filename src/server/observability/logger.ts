/**
 * Operational logging: one JSON object per line on stdout (pino), for a platform's log collector
 * (README "Operations: logs, health, metrics"). Every line of a request or worker cycle carries
 * its `requestId` (request-context.ts) without the code passing it.
 *
 * Secrets never reach the output:
 * - every field goes through the call log's redaction (src/server/marketplace/call-log.ts
 *   `redact`: password, secret, token, phone, e-mail … keys become "[redacted]"), and a `body`
 *   or `rawBody` string that is JSON is parsed and redacted the same way, then cut like the call
 *   log's previews (body-preview.ts); a body that is not JSON is cut to a preview;
 * - pino's `redact` removes authorization, cookie and signature headers wherever a `headers`
 *   object is logged (a fetch Headers is turned into a plain object first).
 *
 * LOG_LEVEL (src/env.ts) picks the level; it is read leniently here because the boot logs the
 * environment's own validation errors through this logger.
 */
import pino, { type DestinationStream, type Logger } from "pino";
import { previewJson, previewText } from "~/server/marketplace/body-preview";
import { redact } from "~/server/marketplace/call-log";
import { currentRequestId } from "./request-context";

export type { Logger } from "pino";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const REDACTED = "[redacted]";
/** Header names whose values are credentials (Kit's x-sign is a signature over the body). */
const SECRET_HEADERS = ["authorization", "cookie", '"set-cookie"', '"proxy-authorization"', '"x-sign"', '"body-sign"', '"x-metrics-token"'];
const REDACT_PATHS = SECRET_HEADERS.flatMap((h) => {
  const key = h.startsWith('"') ? `[${h}]` : `.${h}`;
  return [`headers${key}`, `req.headers${key}`, `*.headers${key}`, `request.headers${key}`];
});
const BODY_KEYS = new Set(["body", "rawBody", "requestBody", "responseBody"]);

function levelFrom(value: string | undefined): LogLevel {
  const v = (value ?? "").trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(v) ? (v as LogLevel) : "info";
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One field of a log line, made safe to write. Errors stay whole for pino's err serializer. */
function safeField(key: string, value: unknown): unknown {
  if (value instanceof Error) return value;
  if (typeof Headers !== "undefined" && value instanceof Headers) return redact(Object.fromEntries(value.entries()));
  if (BODY_KEYS.has(key) && typeof value === "string") {
    const json = tryJson(value);
    return json !== undefined && typeof json === "object" && json !== null ? previewJson(redact(json)) : previewText(value);
  }
  if (BODY_KEYS.has(key) && value && typeof value === "object") return previewJson(redact(value));
  return redact(value);
}

/** pino's `formatters.log`: the call log's key redaction over every field of the line. */
export function redactLogFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    // The top-level key is judged like nested ones (redact() only looks at nested keys).
    const safe = (redact({ [k]: 0 }) as Record<string, unknown>)[k] === REDACTED && v !== null && v !== "" ? REDACTED : safeField(k, v);
    Object.defineProperty(out, k, { value: safe, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

export interface LoggerOptions {
  level?: string;
  /** Where lines go (tests capture them); default stdout. */
  destination?: DestinationStream;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const options: pino.LoggerOptions = {
    level: levelFrom(opts.level ?? process.env.LOG_LEVEL),
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin() {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
    formatters: {
      level: (label) => ({ level: label }),
      log: redactLogFields,
    },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}

const globalForLogger = globalThis as unknown as { __kooLogger?: Logger };

/** The process-wide logger (shared by Next.js' separately bundled entry points). */
export function rootLogger(): Logger {
  globalForLogger.__kooLogger ??= createLogger();
  return globalForLogger.__kooLogger;
}

// One child per component and root logger: pino serialises a child's bindings when it is made,
// which cost every tRPC call (procedure-log.ts) a child even when its line was below the level.
const childrenOf = new WeakMap<Logger, Map<string, Logger>>();

/** A component's logger: `logger("marketplace").error({ err, callId }, "…")`. */
export function logger(component: string): Logger {
  const root = rootLogger();
  let children = childrenOf.get(root);
  if (!children) childrenOf.set(root, (children = new Map()));
  let child = children.get(component);
  if (!child) children.set(component, (child = root.child({ component })));
  return child;
}

/** Tests swap the process logger to capture its lines; undefined restores the default. */
export function setLoggerForTests(replacement: Logger | undefined): void {
  globalForLogger.__kooLogger = replacement;
}
