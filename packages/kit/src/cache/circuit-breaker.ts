/**
 * Skips a failing remote for `openMs` once `threshold` calls in a row failed; after that one call
 * is let through, and a single further failure opens the breaker again.
 */
export class CircuitBreaker {
  private failuresInARow = 0;
  private openUntil = 0;

  constructor(
    private readonly threshold: number,
    private readonly openMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get isOpen(): boolean {
    return this.now() < this.openUntil;
  }

  succeeded(): void {
    this.failuresInARow = 0;
    this.openUntil = 0;
  }

  failed(): void {
    this.failuresInARow++;
    if (this.failuresInARow >= this.threshold) this.openUntil = this.now() + this.openMs;
  }
}
