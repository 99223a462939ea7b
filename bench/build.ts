/**
 * The bench measures the production build (`next start`). It builds when `.next` is missing or
 * older than the sources (any file under src/ or prisma/, next.config.ts, package.json), unless
 * --no-build — e.g. while another process (the e2e app) serves that build.
 *
 * The Next.js floor (bench/next-floor, the `floor` group) is the bench's own fixture, not the
 * app: it is built into bench/next-floor/.next whenever missing or older than what it is made
 * of, --no-build or not (no other process serves it).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { BenchFailure } from "./checks";

const SOURCES = ["src", "prisma", "next.config.ts", "package.json", "postcss.config.mjs"];

/** The Next.js CLI, run with this node (`next build`, `next start`). */
export const NEXT_BIN = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

/** The floor app, relative to the repository root. */
export const FLOOR_DIR = path.join("bench", "next-floor");
/** What the floor's build is made of: its own files, the baseline it runs, and the app code the baseline imports. */
const FLOOR_SOURCES = [path.join(FLOOR_DIR, "app"), path.join(FLOOR_DIR, "next.config.ts"), path.join("bench", "baseline"), "src", "package.json"];

function newestMtime(p: string): { file: string; mtimeMs: number } {
  if (!existsSync(p)) return { file: p, mtimeMs: 0 };
  const st = statSync(p);
  if (!st.isDirectory()) return { file: p, mtimeMs: st.mtimeMs };
  let newest = { file: p, mtimeMs: 0 };
  for (const name of readdirSync(p)) {
    const n = newestMtime(path.join(p, name));
    if (n.mtimeMs > newest.mtimeMs) newest = n;
  }
  return newest;
}

/** Why a build is needed, or null when `<dir>/.next` is up to date. */
export function buildNeeded(root = process.cwd(), dir = ".", sources = SOURCES): string | null {
  const buildId = path.join(root, dir, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return `there is no production build (${path.relative(root, buildId)})`;
  const built = statSync(buildId).mtimeMs;
  const newest = sources.map((s) => newestMtime(path.join(root, s))).reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a));
  return newest.mtimeMs > built ? `${path.relative(root, newest.file)} is newer than the production build${dir === "." ? "" : ` of ${dir}`}` : null;
}

/**
 * Builds when needed, if `allowed`. Without permission (--no-build) a missing build is an error
 * and an outdated one a warning: the figures are then those of the build as it is.
 */
export function ensureBuild(allowed: boolean, log: (line: string) => void): void {
  const why = buildNeeded();
  if (!why) return;
  if (!allowed) {
    if (!existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) throw new BenchFailure(`${why}: run \`npm run build\` first (or drop --no-build)`);
    log(`WARNING: ${why}; --no-build: measuring the build as it is`);
    return;
  }
  log(`${why}: running \`npm run build\` …`);
  const r = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (r.status !== 0) throw new BenchFailure(`npm run build failed (exit ${r.status})`);
}

/** Builds the Next.js floor when missing or outdated (about 15 s). */
export function ensureFloorBuild(log: (line: string) => void): void {
  const why = buildNeeded(process.cwd(), FLOOR_DIR, FLOOR_SOURCES);
  if (!why) return;
  log(`${why}: building the Next.js floor (${FLOOR_DIR}) …`);
  const r = spawnSync(process.execPath, [NEXT_BIN, "build", FLOOR_DIR], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) throw new BenchFailure(`next build ${FLOOR_DIR} failed (exit ${r.status})`);
}
