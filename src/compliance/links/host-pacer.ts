/**
 * Politeness per host: requests to one host get start slots `intervalMs` apart (at most one request per
 * interval on average, however many wait), so checking a thousand links on one municipality's site never looks
 * like an attack on it, while links on different hosts go in parallel.
 */
export class HostPacer {
  private readonly next = new Map<string, number>();

  constructor(private readonly intervalMs: number) {}

  /** Resolves when a request to `host` may start, and books the slot after it. */
  async wait(host: string): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next.get(host) ?? 0);
    this.next.set(host, at + this.intervalMs);
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }
}
