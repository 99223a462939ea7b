/**
 * Usage amounts. The marketplace takes usage values as Double(12,4): positive, at most 4
 * decimals. We store NUMERIC(20,4) and do arithmetic in whole ten-thousandths ("units") so that
 * 0.1 + 0.2 is exactly 0.3 and a ledger always sums to its debits.
 */
import { AppError } from "~/server/errors";

export const SCALE = 10_000;
/** Largest single debit: keeps unit arithmetic far inside Number.MAX_SAFE_INTEGER. */
export const MAX_AMOUNT = 1_000_000_000;

/** Parses a consume() amount: finite, > 0, ≤ 4 decimals, ≤ MAX_AMOUNT. Returns units. */
export function parseAmount(value: unknown): number {
  const n = typeof value === "string" && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n) || n <= 0) {
    throw new AppError("INVALID_INPUT", "amount must be a number greater than 0");
  }
  if (n > MAX_AMOUNT) throw new AppError("INVALID_INPUT", `amount must be at most ${MAX_AMOUNT}`);
  const units = Math.round(n * SCALE);
  if (Math.abs(units / SCALE - n) > 1e-9 * Math.max(1, n)) {
    throw new AppError("INVALID_INPUT", "amount may have at most 4 decimals");
  }
  return units;
}

/** Units → the decimal text SQL receives ("12.3400"). */
export function unitsToSql(units: number): string {
  const sign = units < 0 ? "-" : "";
  const abs = Math.abs(units);
  return `${sign}${Math.floor(abs / SCALE)}.${String(abs % SCALE).padStart(4, "0")}`;
}

/** Decimal text from SQL ("12.3400", "-1", null) → units. */
export function sqlToUnits(text: string | null | undefined): number {
  if (text === null || text === undefined || text === "") return 0;
  const m = /^(-?)(\d+)(?:\.(\d{1,4})\d*)?$/.exec(text.trim());
  if (!m) throw new Error(`not a decimal: ${text}`);
  const units = Number(m[2]) * SCALE + Number((m[3] ?? "").padEnd(4, "0"));
  return m[1] ? -units : units;
}

/** Units → a JSON number with at most 4 decimals (UsageInfo.usageValue, API results). */
export function unitsToNumber(units: number): number {
  return Number(unitsToSql(units));
}

/** Whole units of a quota (catalog numbers) → units. */
export function quantityToUnits(n: number): number {
  return Math.round(n * SCALE);
}
