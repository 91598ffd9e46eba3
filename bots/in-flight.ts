// Turns run after the platform has been acknowledged, so the bot must track them itself: one user's messages run in
// order (so "undo" follows the message it undoes), different users run side by side, and shutdown waits for all.
export class InFlight {
  private tails = new Map<string, Promise<unknown>>();
  private running = new Set<Promise<unknown>>();
  private closed = false;

  get size(): number {
    return this.running.size;
  }

  get accepting(): boolean {
    return !this.closed;
  }

  /** Runs `fn` after the previous task with the same key; the returned promise settles with it. */
  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const task = prev.then(fn, fn);
    const settled = task.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, settled);
    this.running.add(settled);
    void settled.then(() => {
      this.running.delete(settled);
      if (this.tails.get(key) === settled) this.tails.delete(key);
    });
    return task;
  }

  /** Stop taking new work and wait for what is running (up to `timeoutMs`). Resolves true when all finished. */
  async drain(timeoutMs = 30_000): Promise<boolean> {
    this.closed = true;
    const deadline = Date.now() + timeoutMs;
    while (this.running.size) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all([...this.running]), new Promise((r) => (timer = setTimeout(r, left)))]);
      clearTimeout(timer);
    }
    return true;
  }
}
