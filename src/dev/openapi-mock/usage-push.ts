/**
 * POST /api/mkp-openapi-public/global/v1/isv/usage-data — 按需使用量推送(新) as the marketplace
 * answers it (docs/billing.md §6): {"error_code":"MKT.0000","error_msg":"success"}; a bad signature
 * is MKT.0102, a bad ts/nonce MKT.0154, bad fields MKT.0101, more records than allowed MKT.9003,
 * begin_time older than 21 days MKT.9004. Accepted records go through the background check
 * (usage-checks.ts).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseUsageTime } from "~/koogallery/time";
import type { Fault } from "./faults";
import { answer, answerCode, misbehave, type MockState } from "./state";
import { checkUsageBody, verifyUsagePushSignature } from "./verify";

const DAY = 86_400_000;

export function handleUsagePush(state: MockState, usagePushKey: string, req: IncomingMessage, body: string, res: ServerResponse, fault: Fault | undefined): void {
  const problem = verifyUsagePushSignature(req.headers, body, usagePushKey, Date.now());
  if (problem === "signature mismatch") return answerCode(state, "usage", res, "MKT.0102", problem);
  if (problem) return answerCode(state, "usage", res, "MKT.0154", problem);
  const nonce = String(req.headers.nonce);
  if (state.seenNonces.has(nonce)) return answerCode(state, "usage", res, "MKT.0154", "nonce reused");
  state.seenNonces.add(nonce);
  const checked = checkUsageBody(body, state.maxRecords);
  if (checked === "too many records") return answerCode(state, "usage", res, "MKT.9003", `more than ${state.maxRecords} records`);
  if (typeof checked === "string") return answerCode(state, "usage", res, "MKT.0101", checked);
  if (misbehave(state, "usage", res, fault)) return;
  const tooOld = checked.records.find((r) => parseUsageTime(r.begin_time!).getTime() < Date.now() - 21 * DAY);
  if (tooOld) return answerCode(state, "usage", res, "MKT.9004", `record ${tooOld.metering_sn}`);
  state.ledger.accept(checked.records);
  if (fault === "hang-after-store") return void state.log.push({ route: "usage", status: 0, reason: "hung after storing" });
  answer(state, "usage", res, 200, { error_code: "MKT.0000", error_msg: "success" });
}
