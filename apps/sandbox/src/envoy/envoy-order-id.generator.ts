import { SeededRandom } from '../core/seeded-random';

/** Envoy's `orderId` ("Order ref of ERP system"): an 18-digit string, deterministic for a seed, never reused. */
export class EnvoyOrderIdGenerator {
  private readonly random: SeededRandom;
  private readonly issued = new Set<string>();

  constructor(seed: number) {
    this.random = new SeededRandom(seed * 104_729 + 11);
  }

  next(): string {
    for (;;) {
      const id = this.random.digits(18);
      if (!this.issued.has(id)) {
        this.issued.add(id);
        return id;
      }
    }
  }
}
