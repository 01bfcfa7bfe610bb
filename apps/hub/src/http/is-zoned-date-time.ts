import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

/** An ISO-8601 date-time that carries its zone (Z or ±hh:mm): times without one are refused, never guessed. */
export function IsZonedDateTime(): PropertyDecorator {
  return applyDecorators(
    IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date-time with its zone' }),
    Matches(/(Z|[+-]\d{2}:?\d{2})$/, { message: 'must carry its zone (Z or ±hh:mm)' }),
  );
}
