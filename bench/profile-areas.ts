/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and attributes its samples inside a time window to
 * areas of a request (Next.js routing, signature verification, zod, logging, the driver …).
 *
 * A sample goes to the area of the innermost frame on its stack that belongs to one; node's own
 * code and V8 builtins (JSON.parse, crypto, Buffer) go to whoever called them, so a JSON.parse in
 * canonical-json.ts counts as canonical JSON, a createHmac in signature.ts as signature verify.
 * Bundled server chunks are mapped back to their sources through the build's source maps
 * (node:module SourceMap), when the build wrote them.
 */
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Areas in the order the report lists them. */
export const AREAS = [
  "Next.js proxy (src/proxy.ts run)",
  "Next.js routing + route module",
  "node http / streams / fetch",
  "tRPC + superjson",
  "session cookie (next-auth JWE)",
  "zod",
  "signature verify (HMAC)",
  "canonical JSON + storable copies",
  "logging (pino)",
  "request-id ALS",
  "metrics (prom-client)",
  "our pipeline (other)",
  "driver (pg)",
  "driver (PGlite)",
  "Prisma",
  "garbage collector",
  "other native ((program))",
  "other",
] as const;
export type Area = (typeof AREAS)[number];

interface Rule {
  area: Area;
  test: RegExp;
}

/** First match wins; tested against "<source path> <function name>". */
const RULES: Rule[] = [
  { area: "driver (pg)", test: /node_modules\/(pg|pg-pool|pg-protocol|pg-types|postgres-\w+|pgpass|pg-connection-string)\// },
  { area: "driver (PGlite)", test: /node_modules\/@electric-sql\/pglite\// },
  { area: "Prisma", test: /node_modules\/(@prisma|\.prisma|pglite-prisma-adapter)\/|src\/generated\/prisma\// },
  { area: "logging (pino)", test: /node_modules\/(pino|pino-std-serializers|sonic-boom|fast-redact|@pinojs|thread-stream|on-exit-leak-free|quick-format-unescaped|atomic-sleep|safe-stable-stringify|fast-copy)\/|src\/server\/observability\/(logger|procedure-log)\.ts|src\/server\/marketplace\/body-preview\.ts/ },
  { area: "metrics (prom-client)", test: /node_modules\/(prom-client|tdigest|bintrees)\/|src\/server\/observability\/metrics\.ts/ },
  { area: "request-id ALS", test: /src\/server\/observability\/request-(context|id)\.ts|node:async_hooks|async_context_frame|async_local_storage/ },
  { area: "zod", test: /node_modules\/zod\// },
  { area: "session cookie (next-auth JWE)", test: /node_modules\/(next-auth|jose|@panva)\/|src\/server\/auth\/customer-claim\.ts/ },
  { area: "tRPC + superjson", test: /node_modules\/(@trpc|superjson|copy-anything|is-what)\// },
  { area: "signature verify (HMAC)", test: /src\/koogallery\/(signature|hmac|body-sign)\.ts|src\/server\/marketplace\/query-signature\.ts/ },
  { area: "canonical JSON + storable copies", test: /src\/koogallery\/canonical-json\.ts|src\/server\/db\/safe-text\.ts/ },
  { area: "Next.js routing + route module", test: /node_modules\/(next|@next|@opentelemetry|react|react-dom|react-server-dom-\w+|scheduler)\/|\[turbopack\]|turbopack\/runtime|src\/proxy\.ts|src\/server\/security\/|\.next\/server\/(?!chunks\/ssr\/\[root-of-the-server\])/ },
  { area: "our pipeline (other)", test: /^(?!.*node_modules).*\bsrc\// },
];

const NODE_INTERNAL = /^node:|^internal\/|^$/;

/** A frame of Next running the proxy (middleware): everything under it but our own areas is the proxy's cost. */
const PROXY_FRAME = /src\/proxy\.ts|server\/web\/adapter|runMiddleware|middleware/i;
const PROXY_ABSORBS = new Set<Area>(["Next.js routing + route module", "node http / streams / fetch", "other"]);

export type Resolve = (frame: CpuProfileNode["callFrame"]) => string;

/** Maps bundled chunk positions to their original sources, when `<chunk>.map` exists. */
export function sourceResolver(): Resolve {
  const maps = new Map<string, SourceMap | null>();
  const mapOf = (url: string): SourceMap | null => {
    let m = maps.get(url);
    if (m !== undefined) return m;
    m = null;
    try {
      const file = url.startsWith("file://") ? fileURLToPath(url) : url;
      if (file.includes("/.next/") && existsSync(`${file}.map`)) m = new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8")));
    } catch {
      m = null;
    }
    maps.set(url, m);
    return m;
  };
  return (frame) => {
    const map = frame.url ? mapOf(frame.url) : null;
    if (map) {
      const entry = map.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string } | Record<string, never>;
      if (entry && "originalSource" in entry && entry.originalSource) return decodeURIComponent(entry.originalSource);
    }
    return frame.url;
  };
}

function areaOfFrame(source: string, fn: string): Area | null {
  if (fn === "(garbage collector)") return "garbage collector";
  if (fn === "(program)") return "other native ((program))";
  if (NODE_INTERNAL.test(source)) {
    if (/async_hooks|async_local_storage/.test(source)) return "request-id ALS";
    return null;
  }
  const key = `${source} ${fn}`;
  for (const r of RULES) if (r.test.test(key)) return r.area;
  return null;
}

/** Node internals with no area above them (the HTTP server, sockets, undici). */
function internalArea(source: string): Area {
  return /http|net|stream|undici|fetch|_http|tls|dns|timers/.test(source) ? "node http / streams / fetch" : "other";
}

export interface WindowTotals {
  /** Sampled main-thread time that was not idle, µs. */
  busyUs: number;
  byArea: Map<Area, number>;
  /** Hottest self-time functions (source:function → µs), for the report's detail. */
  topSelf: Map<string, number>;
}

/** Sums the non-idle samples with a timestamp in [fromUs, toUs) by area. */
export function attribute(profile: CpuProfile, fromUs: number, toUs: number, resolve: Resolve): WindowTotals {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const areaCache = new Map<number, Area | "idle">();
  const sourceCache = new Map<number, string>();
  const sourceOf = (id: number) => {
    let s = sourceCache.get(id);
    if (s === undefined) sourceCache.set(id, (s = resolve(byId.get(id)!.callFrame)));
    return s;
  };
  const areaOf = (leaf: number): Area | "idle" => {
    const cached = areaCache.get(leaf);
    if (cached) return cached;
    const fn = byId.get(leaf)!.callFrame.functionName;
    let area: Area | "idle" | null = fn === "(idle)" ? "idle" : null;
    let firstInternal: string | null = null;
    let inProxy = false;
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id)!;
      if (node.callFrame.functionName === "(root)") break;
      const src = sourceOf(id);
      if (PROXY_FRAME.test(`${src} ${node.callFrame.functionName}`)) inProxy = true;
      if (area !== null) continue;
      area = areaOfFrame(src, node.callFrame.functionName);
      if (area === null && firstInternal === null && NODE_INTERNAL.test(src) && src !== "") firstInternal = src;
    }
    let result = area ?? internalArea(firstInternal ?? "");
    if (inProxy && result !== "idle" && PROXY_ABSORBS.has(result)) result = "Next.js proxy (src/proxy.ts run)";
    areaCache.set(leaf, result);
    return result;
  };
  const totals: WindowTotals = { busyUs: 0, byArea: new Map(), topSelf: new Map() };
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (t < fromUs || t >= toUs) continue;
    // The time since the previous sample is what this sample stands for.
    const dt = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
    const id = profile.samples[i]!;
    const area = areaOf(id);
    if (area === "idle") continue;
    totals.busyUs += dt;
    totals.byArea.set(area, (totals.byArea.get(area) ?? 0) + dt);
    const node = byId.get(id)!;
    const key = `${sourceOf(id).replace(/^.*\/(node_modules|src)\//, "$1/")}:${node.callFrame.functionName || "(anonymous)"}`;
    totals.topSelf.set(key, (totals.topSelf.get(key) ?? 0) + dt);
  }
  return totals;
}
