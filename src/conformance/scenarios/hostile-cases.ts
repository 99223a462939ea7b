/**
 * Hostile variants of one valid case per channel, each of which a deployment must refuse: the
 * signature rules of the base interface, the Kit and the License callbacks (README "Decisions
 * where the spec is silent": ±60 s, nonces remembered, 000001 for a bad signature or a replay,
 * 000002 for a missing timestamp). A stale or future timestamp may be answered 000001 or 000002:
 * the docs name no code for it.
 */
import type { ResultCode } from "../../koogallery/result-codes";
import type { Attack, Channel, ConformanceCase } from "../case-types";

const REFUSALS: Record<Attack, { codes: ResultCode[]; title: string }> = {
  stale: { codes: ["000001", "000002"], title: "stale timestamp (10 min old) is refused" },
  future: { codes: ["000001", "000002"], title: "future timestamp (10 min ahead) is refused" },
  replay: { codes: ["000001"], title: "replayed nonce: the first call succeeds, the replay is refused" },
  tamper: { codes: ["000001"], title: "body changed after signing is refused" },
  "wrong-key": { codes: ["000001"], title: "request signed with a wrong key is refused" },
  "no-signature": { codes: ["000001"], title: "request without signature is refused" },
  "no-timestamp": { codes: ["000002"], title: "request without timestamp is refused" },
};

/** Which attacks each channel gets (the Kit signs in headers; missing parts behave like the base). */
export const CHANNEL_ATTACKS: Record<Channel, readonly Attack[]> = {
  base: ["stale", "future", "replay", "tamper", "wrong-key", "no-signature", "no-timestamp"],
  kit: ["stale", "replay", "tamper", "wrong-key"],
  license: ["stale", "future", "replay", "tamper", "wrong-key"],
};

/** Variants of `carrier` (a valid, repeatable case) under every attack of its channel. */
export function hostileCases(carrier: ConformanceCase, tamperField: string): ConformanceCase[] {
  const channel = carrier.channel;
  return CHANNEL_ATTACKS[channel].map((attack) => ({
    id: `hostile.${channel}.${attack}`,
    title: `${channel}: ${REFUSALS[attack].title}`,
    channel,
    ...(carrier.kitKind ? { kitKind: carrier.kitKind } : {}),
    body: carrier.body,
    expectCodes: REFUSALS[attack].codes,
    attack,
    ...(attack === "tamper" ? { tamperField } : {}),
  }));
}
