import { Injectable } from '@nestjs/common';

/** How one provider answers an error: its HTTP status and its own envelope. */
export interface ProviderErrorShape {
  /** Path prefix of the provider in the sandbox, e.g. `/nengmao`. */
  readonly prefix: string;
  /** Provider error codes the fault injector may answer with (e.g. Nengmao `500`, `429`-like codes). */
  readonly injectableCodes: readonly string[];
  /** The provider's own "too many requests" code, if it has one; the fault injector's rate limit can answer with it. */
  readonly rateLimitCode?: string;
  render(code: string, message: string): { readonly status: number; readonly body: unknown };
}

/**
 * Each provider module registers its error envelope here, so that the fault injector can answer
 * "a share of provider error codes" in the provider's own format.
 */
@Injectable()
export class ProviderErrorRegistry {
  private readonly shapes = new Map<string, ProviderErrorShape>();

  register(provider: string, shape: ProviderErrorShape): void {
    this.shapes.set(provider, shape);
  }

  get(provider: string): ProviderErrorShape | undefined {
    return this.shapes.get(provider);
  }

  providerOf(path: string): string | undefined {
    for (const [provider, shape] of this.shapes) if (path === shape.prefix || path.startsWith(`${shape.prefix}/`)) return provider;
    return undefined;
  }

  providers(): string[] {
    return [...this.shapes.keys()];
  }
}
