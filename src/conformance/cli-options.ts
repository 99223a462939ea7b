/**
 * `npm run conformance -- …` arguments → options. Defaults that come from the environment (URL,
 * keys) are filled by the caller, so this stays pure and testable.
 */
import { parseArgs } from "node:util";
import { isMode, MODES, type Mode } from "./modes";
import { parseSeed } from "./random";
import { DEFAULT_EVERY, parseEvery } from "./schedule";

export interface CliOptions {
  url?: string;
  mode: Mode;
  key?: string;
  kitKey?: string;
  licenseKey?: string;
  publicKeyFile?: string;
  kit: boolean;
  orderId?: string;
  licenseCode?: string;
  seed?: number;
  junit?: string;
  html?: string;
  saveCases?: string;
  probe: boolean;
  casesFile?: string;
  everyMs: number;
  once: boolean;
  reportTo?: string;
  timeoutMs: number;
  help: boolean;
}

export const USAGE = `npm run conformance -- [options]

Replays the KooGallery seller console's debug cases (testFlag=1) against a deployment: every case
twice, then the whole set shuffled, plus hostile requests that must be refused.

  --url <address>        production address (default: $APP_URL/api/marketplace)
  --mode <mode>          ${MODES.join(" | ")} (default period)
  --key <key>            key bound to 基础接口 (default KOOGALLERY_ACCESS_KEY)
  --kit-key <key>        key bound to 联营SaaS同步接口 (default KOOGALLERY_KIT_ACCESS_KEY)
  --license-key <key>    key bound to License授权码交付接口 (default: --key)
  --public-key <pem>     应用凭证 public key file, to send applicationSync (else skipped)
  --no-kit               leave out the 联营 Kit sync cases (not a 联营 product)
  --order-id <id>        order of the main newInstance (default: the mode's MOCK… order)
  --license-code <code>  debug 授权码 for --mode license
  --seed <n>             shuffle order to repeat (printed by every run)
  --junit <file>         write JUnit XML
  --html <file>          write a self-contained HTML report
  --save-cases <file>    save the run's cases (resolved) for --probe
  --timeout <ms>         time limit of one call (default 20000, the console's)
  --report-to <APP_URL>  post the signed result to that app's /admin (Setup & health)

Probe (the marketplace's twice-daily 拨测):
  --probe --cases <file> [--every 12h | --once]
                         replay a saved case file on a schedule; exits 1 at the first failure`;

export class UsageError extends Error {}

function positiveInt(text: string, name: string, max: number): number {
  if (!/^[0-9]{1,9}$/.test(text) || Number(text) < 1 || Number(text) > max) throw new UsageError(`${name} must be a whole number between 1 and ${max}`);
  return Number(text);
}

export function parseCliOptions(argv: string[]): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        url: { type: "string" },
        mode: { type: "string", default: "period" },
        key: { type: "string" },
        "kit-key": { type: "string" },
        "license-key": { type: "string" },
        "public-key": { type: "string" },
        "no-kit": { type: "boolean", default: false },
        "order-id": { type: "string" },
        "license-code": { type: "string" },
        seed: { type: "string" },
        junit: { type: "string" },
        html: { type: "string" },
        "save-cases": { type: "string" },
        probe: { type: "boolean", default: false },
        cases: { type: "string" },
        every: { type: "string" },
        once: { type: "boolean", default: false },
        "report-to": { type: "string" },
        timeout: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const mode = values.mode!;
  if (!isMode(mode)) throw new UsageError(`--mode must be one of ${MODES.join(", ")}`);
  if (values.probe && !values.cases) throw new UsageError("--probe needs --cases <file> (save one with --save-cases)");
  if (!values.probe && (values.cases || values.every || values.once)) throw new UsageError("--cases, --every and --once belong to --probe");
  if (values.probe && values["save-cases"]) throw new UsageError("--save-cases saves a generated run, not a probe");
  if (values.every && values.once) throw new UsageError("--every and --once exclude each other");
  for (const name of ["url", "report-to"] as const) {
    const v = values[name];
    if (v !== undefined && !/^https?:\/\/[^\s]+$/i.test(v)) throw new UsageError(`--${name} must be an http(s) URL`);
  }
  let seed: number | undefined;
  let everyMs: number;
  try {
    seed = values.seed === undefined ? undefined : parseSeed(values.seed);
    everyMs = parseEvery(values.every ?? DEFAULT_EVERY);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return {
    url: values.url,
    mode,
    key: values.key,
    kitKey: values["kit-key"],
    licenseKey: values["license-key"],
    publicKeyFile: values["public-key"],
    kit: !values["no-kit"],
    orderId: values["order-id"],
    licenseCode: values["license-code"],
    seed,
    junit: values.junit,
    html: values.html,
    saveCases: values["save-cases"],
    probe: values.probe!,
    casesFile: values.cases,
    everyMs,
    once: values.once!,
    reportTo: values["report-to"],
    timeoutMs: values.timeout === undefined ? 20_000 : positiveInt(values.timeout, "--timeout", 600_000),
    help: values.help!,
  };
}
