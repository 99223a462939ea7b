/**
 * A saved case set (`--save-cases file`): the generated cases with every variable resolved to
 * what the deployment answered, so the probe (`--probe --cases file`) replays exactly these
 * bodies — fresh timestamps and nonces, unchanged parameters — as the console replays its saved
 * 调测用例. Keys are never saved. Loading validates the file and bounds its size.
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { KIT_KINDS } from "../koogallery/kit-schemas";
import { isResultCode, type ResultCode } from "../koogallery/result-codes";
import { resolveBody, variablesIn, type Bindings } from "./bindings";
import { ATTACKS, type ConformanceCase } from "./case-types";
import { MODES, type Mode } from "./modes";

export const CASE_FILE_FORMAT = "koogallery-conformance-cases/1";
export const MAX_CASE_FILE_BYTES = 2 * 1024 * 1024;
const MAX_CASES = 500;

const caseSchema = z
  .strictObject({
    id: z.string().min(1).max(128),
    title: z.string().min(1).max(256),
    channel: z.enum(["base", "kit", "license"]),
    kitKind: z.enum(KIT_KINDS).optional(),
    body: z.record(z.string(), z.unknown()),
    expectCodes: z.array(z.string().refine(isResultCode, { error: "must be a documented result code" })).min(1),
    attack: z.enum(ATTACKS).optional(),
    tamperField: z.string().min(1).max(64).optional(),
    captureInstanceId: z.string().max(64).optional(),
    expectInstanceId: z.string().min(1).max(64).optional(),
    requireUsageInfo: z.boolean().optional(),
  })
  .superRefine((c, ctx) => {
    if (c.channel === "kit" && !c.kitKind) ctx.addIssue({ code: "custom", path: ["kitKind"], message: "is required for a kit case" });
    if (c.attack === "tamper" && !c.tamperField) ctx.addIssue({ code: "custom", path: ["tamperField"], message: "is required for a tamper case" });
    const vars = variablesIn(c.body);
    if (vars.length) ctx.addIssue({ code: "custom", path: ["body"], message: `still names ${vars.map((v) => `\${${v}}`).join(", ")}: save a set after a run` });
  });

export const caseFileSchema = z.strictObject({
  format: z.literal(CASE_FILE_FORMAT),
  mode: z.enum(MODES),
  url: z.string().max(2048),
  savedAt: z.string().max(40),
  cases: z.array(caseSchema).min(1).max(MAX_CASES),
});

export interface CaseFile {
  format: typeof CASE_FILE_FORMAT;
  mode: Mode;
  url: string;
  savedAt: string;
  cases: ConformanceCase[];
}

/**
 * The set to save after a run: variables resolved, each newInstance case pinned to the instance
 * id it answered. Throws when an answer the cases depend on never came (nothing worth replaying).
 */
export function casesToSave(cases: readonly ConformanceCase[], bindings: Bindings, instanceIds: ReadonlyMap<string, string>): ConformanceCase[] {
  return cases.map((c) => {
    const resolved = resolveBody(c.body, bindings);
    if (!resolved.ok) throw new Error(`cannot save ${c.id}: no answer gave ${resolved.missing.map((m) => `\${${m}}`).join(", ")} (did newInstance fail?)`);
    const { captureInstanceId: _capture, ...rest } = c;
    const pinned = instanceIds.get(c.id) ?? c.expectInstanceId;
    return { ...rest, body: resolved.body, ...(pinned ? { expectInstanceId: pinned } : {}) };
  });
}

export function writeCaseFile(path: string, file: Omit<CaseFile, "format">): void {
  const content: CaseFile = { format: CASE_FILE_FORMAT, ...file };
  caseFileSchema.parse(content);
  writeFileSync(path, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o644 });
}

export function parseCaseFile(text: string): CaseFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error("case file is not JSON");
  }
  const parsed = caseFileSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.map(String).join(".") || "file"}: ${i.message}`);
    throw new Error(`not a conformance case file (${first.join("; ")})`);
  }
  return { ...parsed.data, cases: parsed.data.cases.map((c) => ({ ...c, expectCodes: c.expectCodes as ResultCode[] })) };
}

export function readCaseFile(path: string): CaseFile {
  const size = statSync(path).size;
  if (size > MAX_CASE_FILE_BYTES) throw new Error(`case file ${path} is ${size} bytes, at most ${MAX_CASE_FILE_BYTES} allowed`);
  return parseCaseFile(readFileSync(path, "utf8"));
}
