import { ValidationError } from 'class-validator';
import { FieldProblem } from './problem-details';

/** Flattens class-validator's tree into one problem per failing field, with its dotted path. */
export function toFieldProblems(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    for (const reason of Object.values(error.constraints ?? {})) {
      problems.push({ field, reason: reason.startsWith(`${error.property} `) ? reason.slice(error.property.length + 1) : reason });
    }
    if (error.children && error.children.length > 0) problems.push(...toFieldProblems(error.children, field));
  }
  return problems;
}
