import { PROBLEM_TYPES, ProblemMapper } from '@serai/common';
import { DomainError, IllegalTransition, InvariantViolation } from '@serai/domain';

/**
 * Domain rules broken by a request: an illegal state change is a conflict with the entity's
 * current state (409); a broken invariant is input the model refuses (422, naming the field).
 */
export const mapDomainProblem: ProblemMapper = (error) => {
  if (error instanceof IllegalTransition) {
    return { type: PROBLEM_TYPES.conflict, title: 'Conflict', status: 409, detail: error.message };
  }
  if (error instanceof InvariantViolation) {
    return {
      type: PROBLEM_TYPES.domainRule,
      title: 'Unprocessable entity',
      status: 422,
      detail: error.message,
      errors: [{ field: error.field, reason: error.reason }],
    };
  }
  if (error instanceof DomainError) {
    return {
      type: `${PROBLEM_TYPES.domainRule}/${error.code.toLowerCase().replace(/_/g, '-')}`,
      title: 'Unprocessable entity',
      status: 422,
      detail: error.message,
    };
  }
  return undefined;
};
