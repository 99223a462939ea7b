/**
 * Back-off after the marketplace says "access frequency overlimit" (MKT.0250): calls made before
 * the pause ends fail fast instead of hitting the open API again, and every further MKT.0250
 * doubles the pause (1 s … 60 s). Kept in process memory on purpose: it only spares the
 * marketplace calls that would be refused anyway — nothing depends on it for correctness, and
 * each replica backing off on its own is what we want.
 */
export class RateLimitBackoff {
  private until = 0;
  private delayMs = 0;

  constructor(
    private readonly minMs = 1_000,
    private readonly maxMs = 60_000,
  ) {}

  /** Milliseconds left of the pause (0 = go ahead). */
  remainingMs(nowMs: number): number {
    return Math.max(0, this.until - nowMs);
  }

  /** Another MKT.0250: pause twice as long as last time. */
  limited(nowMs: number): void {
    this.delayMs = Math.min(this.maxMs, this.delayMs ? this.delayMs * 2 : this.minMs);
    this.until = nowMs + this.delayMs;
  }

  /** A call got through: the next MKT.0250 starts from the shortest pause again. */
  succeeded(): void {
    this.delayMs = 0;
    this.until = 0;
  }
}
