/**
 * Growing delay after wrong passwords: 1 s after the first failure, doubling up to 5 minutes.
 * Kept per username in memory; the delay is enforced by refusing attempts until it has passed.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; notBefore: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Seconds the caller must still wait, or 0. */
  waitSeconds(username: string): number {
    const entry = this.failures.get(username);
    if (!entry) return 0;
    return Math.max(0, Math.ceil((entry.notBefore - this.now()) / 1000));
  }

  recordFailure(username: string): number {
    const count = (this.failures.get(username)?.count ?? 0) + 1;
    const delayMs = Math.min(1000 * 2 ** (count - 1), 5 * 60_000);
    this.failures.set(username, { count, notBefore: this.now() + delayMs });
    return Math.ceil(delayMs / 1000);
  }

  recordSuccess(username: string): void {
    this.failures.delete(username);
  }
}
