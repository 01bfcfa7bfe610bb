export interface Page<T> {
  readonly items: readonly T[];
  readonly pageNo: number;
  /** Total items when the provider says; absent for providers that do not (Envoy). */
  readonly total?: number;
}

export interface PaginationOptions {
  readonly pageSize: number;
  readonly firstPage?: number;
  /** Providers cap page numbers (Envoy and Pilot: 1000); stop there rather than ask for an error. */
  readonly maxPage?: number;
}

/**
 * Walks pages until the provider has no more: an empty page, a short page, the documented total
 * reached, or the last page number the provider accepts.
 */
export async function* paginate<T>(fetchPage: (pageNo: number) => Promise<Page<T>>, options: PaginationOptions): AsyncGenerator<Page<T>> {
  let pageNo = options.firstPage ?? 1;
  let seen = 0;
  for (;;) {
    const page = await fetchPage(pageNo);
    if (page.items.length === 0) return;
    yield page;
    seen += page.items.length;
    if (page.items.length < options.pageSize) return;
    if (page.total !== undefined && seen >= page.total) return;
    if (options.maxPage !== undefined && pageNo >= options.maxPage) return;
    pageNo += 1;
  }
}
