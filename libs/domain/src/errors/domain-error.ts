/**
 * Root of every error the domain throws on purpose. The `code` is part of the public contract:
 * the HTTP exception filter and the dead-letter list key on it, so it must never change once
 * released, whereas `message` is for humans and may be reworded.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  protected constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
