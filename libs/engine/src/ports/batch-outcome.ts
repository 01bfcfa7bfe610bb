export interface ItemFailure<K> {
  readonly key: K;
  /** The provider's code for this item (Nengmao failureList code, WMS errorCode ...). */
  readonly code: string;
  readonly message: string;
  /** Whether trying this item again can succeed. */
  readonly retryable: boolean;
}

/** Per-item outcome of a batched write, merged over all the provider calls it took. */
export interface BatchOutcome<K> {
  readonly succeeded: readonly K[];
  readonly failed: readonly ItemFailure<K>[];
  /** Provider calls made, for "calls per operation" accounting. */
  readonly calls: number;
}
