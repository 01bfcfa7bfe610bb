import { CurrencyMismatch, IllegalTransition, InvariantViolation } from '@serai/domain';
import { mapDomainProblem } from './domain-problem.mapper';

describe('mapDomainProblem', () => {
  it('answers an illegal transition as a 409 conflict', () => {
    expect(mapDomainProblem(new IllegalTransition('Order', 'cancelled', 'shipped'))).toMatchObject({
      status: 409,
      type: 'https://serai.dev/problems/conflict',
    });
  });

  it('answers a broken invariant as a 422 naming the field', () => {
    expect(mapDomainProblem(new InvariantViolation('lines[0].quantity', 'must be a positive integer'))).toMatchObject({
      status: 422,
      errors: [{ field: 'lines[0].quantity', reason: 'must be a positive integer' }],
    });
  });

  it('answers other domain errors as 422 with a type derived from their stable code', () => {
    const problem = mapDomainProblem(new CurrencyMismatch('CNY', 'USD'));
    expect(problem?.status).toBe(422);
    expect(problem?.type).toBe('https://serai.dev/problems/domain-rule/currency-mismatch');
  });

  it('leaves errors that are not the domain’s to the next mapper', () => {
    expect(mapDomainProblem(new Error('boom'))).toBeUndefined();
  });
});
