import { DomainError } from './domain-error';

/** A state machine was asked to move along an edge its transition table does not have. */
export class IllegalTransition extends DomainError {
  readonly code = 'ILLEGAL_TRANSITION';

  constructor(
    readonly entity: string,
    readonly from: string,
    readonly to: string,
    readonly detail?: string,
  ) {
    super(`${entity} cannot move from ${from} to ${to}${detail === undefined ? '' : `: ${detail}`}`);
  }
}
