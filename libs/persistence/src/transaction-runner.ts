import { DataSource, EntityManager } from 'typeorm';

/**
 * The one way to group writes: a canonical change and the outbox events it causes go through the
 * same `EntityManager`, so they commit or roll back together.
 */
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('READ COMMITTED', work);
  }
}
