/**
 * Command-line options for the npm scripts (simulate, license, keys:rsa, mock:openapi, worker):
 * `--help` / `-h` prints the script's usage and exits 0; an unknown option or a missing value is
 * a usage error — one line saying what was wrong, then the usage, exit 2 — never node's stack trace.
 */
import { readFileSync } from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";

export function parseCli<T extends Omit<ParseArgsConfig, "args">>(config: T, usage: string, argv = process.argv.slice(2)): ReturnType<typeof parseArgs<T>> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(usage);
    process.exit(0);
  }
  try {
    return parseArgs({ ...config, args: argv } as unknown as T);
  } catch (err) {
    // node:util's messages are clear but long-winded ("To specify a positional argument …").
    const message = err instanceof Error ? err.message.split(". To specify")[0] : String(err);
    console.error(`${message}\n\n${usage}`);
    process.exit(2);
  }
}

/** A script's usage is its header comment (one place to keep it right), without the comment marks. */
export function usageFromHeader(moduleUrl: string): string {
  return readFileSync(new URL(moduleUrl), "utf8")
    .split("\n */")[0]!
    .split("\n")
    .slice(1)
    .map((line) => line.replace(/^ \* ?/, ""))
    .join("\n");
}
