/**
 * Counts what others add live, for a page's polite announcement ("1 neuer Kommentar"). The reader's
 * own write can come back on the stream before its HTTP answer does, and would then be announced as
 * someone else's. So while an own write is under way, arrivals are held; when it is answered, the own
 * item is dropped from them and the rest are announced.
 */
export class LiveArrivals {
  private writing = 0;
  private readonly held = new Set<string>();

  /** `announce` gets how many items by others arrived (never 0). */
  constructor(private readonly announce: (count: number) => void) {}

  /** Items new to the page that the stream or a re-read brought. */
  arrived(ids: readonly string[]): void {
    if (!ids.length) return;
    if (this.writing) {
      for (const id of ids) this.held.add(id);
      return;
    }
    this.announce(ids.length);
  }

  /** Runs the reader's own write; `idOf` names the item its answer created. */
  async own<T>(write: Promise<T>, idOf: (value: T) => string | null | undefined): Promise<T> {
    this.writing += 1;
    try {
      const value = await write;
      const id = idOf(value);
      if (id) this.held.delete(id);
      return value;
    } finally {
      this.writing -= 1;
      if (!this.writing && this.held.size) {
        const count = this.held.size;
        this.held.clear();
        this.announce(count);
      }
    }
  }

  /** Forgets held arrivals (the page was loaded again). */
  reset(): void {
    this.held.clear();
  }
}
