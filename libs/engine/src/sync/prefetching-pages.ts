/**
 * Walks an async sequence of pages and can ask for the next page before the current one is
 * finished with, so a provider's answer travels while the hub stores what it already has. At
 * most one page is read ahead, and only when asked (`prefetch`): a caller that knows the walk will
 * stop or change course does not ask, and no page is read for nothing.
 */
export class PrefetchingPages<T> {
  private readonly iterator: AsyncIterator<T>;
  private ahead?: Promise<IteratorResult<T>>;
  private finished = false;

  constructor(pages: AsyncIterable<T>) {
    this.iterator = pages[Symbol.asyncIterator]();
  }

  /** Starts reading the next page now, if it is not already being read. */
  prefetch(): void {
    if (this.ahead || this.finished) return;
    const ahead = this.iterator.next();
    // Its failure is reported by the `next()` that takes it; left untaken (the walk stopped), it is dropped.
    ahead.catch(() => undefined);
    this.ahead = ahead;
  }

  /** The next page (the one read ahead, if any), or undefined at the end. */
  async next(): Promise<T | undefined> {
    if (this.finished) return undefined;
    const step = this.ahead ?? this.iterator.next();
    this.ahead = undefined;
    const result = await step;
    if (result.done) {
      this.finished = true;
      return undefined;
    }
    return result.value;
  }

  /** Ends the walk early: the source may release what it holds (as `break` in a for-await does). */
  close(): void {
    if (this.finished) return;
    this.finished = true;
    // A page still being read is let finish; the source is closed after it.
    void Promise.resolve(this.ahead)
      .catch(() => undefined)
      .then(() => this.iterator.return?.())
      .catch(() => undefined);
    this.ahead = undefined;
  }
}
