import { PrefetchingPages } from './prefetching-pages';

/** A page source that logs when each page is asked for and when it is closed. */
function source(pages: number, failAt?: number) {
  const log: string[] = [];
  async function* walk(): AsyncGenerator<number> {
    try {
      for (let page = 1; page <= pages; page += 1) {
        log.push(`read ${page}`);
        await new Promise((resolve) => setImmediate(resolve));
        if (page === failAt) throw new Error(`page ${page} failed`);
        yield page;
      }
    } finally {
      log.push('closed');
    }
  }
  return { log, pages: walk() };
}

describe('PrefetchingPages', () => {
  it('reads no page ahead unless asked, and then only one', async () => {
    const { log, pages } = source(5);
    const walk = new PrefetchingPages(pages);
    expect(await walk.next()).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['read 1']);
    walk.prefetch();
    walk.prefetch();
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['read 1', 'read 2']);
    expect(await walk.next()).toBe(2);
    expect(await walk.next()).toBe(3);
  });

  it('yields every page once and in order, read ahead or not', async () => {
    const { pages } = source(6);
    const walk = new PrefetchingPages(pages);
    const seen: number[] = [];
    for (let page = await walk.next(); page !== undefined; page = await walk.next()) {
      if (page % 2 === 0) walk.prefetch();
      seen.push(page);
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await walk.next()).toBeUndefined();
  });

  it('reports the failure of a page read ahead when that page is taken', async () => {
    const { pages } = source(5, 2);
    const walk = new PrefetchingPages(pages);
    expect(await walk.next()).toBe(1);
    walk.prefetch();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await expect(walk.next()).rejects.toThrow('page 2 failed');
  });

  it('closes the source when the walk stops early, after the page being read ahead', async () => {
    const { log, pages } = source(5);
    const walk = new PrefetchingPages(pages);
    expect(await walk.next()).toBe(1);
    walk.prefetch();
    walk.close();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(log).toEqual(['read 1', 'read 2', 'closed']);
    expect(await walk.next()).toBeUndefined();
  });
});
