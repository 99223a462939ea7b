/**
 * npm run conformance -- --url https://<deployment>/api/marketplace [--mode …] [--key …] …
 *
 * The seller console's debug tool and its twice-daily probe (拨测), run from your side: see
 * `npm run conformance -- --help` and README "Conformance runner". The logic lives in
 * src/conformance (framework-free); this file only resolves defaults from the environment.
 */
import { readFileSync } from "node:fs";
import { parseCliOptions, UsageError, USAGE } from "~/conformance/cli-options";
import { conformanceMain } from "~/conformance/main";
import { getEnv, productionAddress } from "~/env";

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

let opts;
try {
  opts = parseCliOptions(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError) fail(`${err.message}\n\n${USAGE}`, 2);
  throw err;
}
if (opts.help) {
  console.log(USAGE);
  process.exit(0);
}

// The environment only fills what the command line leaves out (a monitoring host running the
// probe against production needs no app configuration when it passes --url and --key). As in
// the app, the Kit and License keys default to the base key.
const needEnv = !opts.key || (!opts.url && !opts.probe);
const env = needEnv ? getEnv() : undefined;
const key = opts.key ?? env!.KOOGALLERY_ACCESS_KEY;
let publicKeyPem: string | undefined;
if (opts.publicKeyFile) {
  try {
    publicKeyPem = readFileSync(opts.publicKeyFile, "utf8");
  } catch (err) {
    fail(`cannot read --public-key ${opts.publicKeyFile}: ${(err as Error).message}`, 2);
  }
}

try {
  const code = await conformanceMain(
    {
      ...opts,
      url: opts.url ?? (opts.probe ? "" : productionAddress(env!)),
      keys: { base: key, kit: opts.kitKey ?? (opts.key ? opts.key : env!.KOOGALLERY_KIT_ACCESS_KEY), license: opts.licenseKey ?? key },
      publicKeyPem,
    },
    { out: (line) => console.log(line) },
  );
  process.exit(code);
} catch (err) {
  fail(`conformance: ${(err as Error).message}`, 2);
}
