import { registerDecorator, ValidationArguments } from 'class-validator';

/** The widest window a list filter accepts: a year and a day (a leap year's 11.11 to 11.11). */
export const MAX_RANGE_DAYS = 366;

/**
 * On the end of a time window (`createdTo`): it must come after its start (`createdFrom`) and be at
 * most {@link MAX_RANGE_DAYS} after it, so no list query scans an unbounded history by accident.
 * Either end alone is fine. Runs after the zone check of both fields.
 */
export function IsRangeEnd(fromProperty: string, maxDays: number = MAX_RANGE_DAYS): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isRangeEnd',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [fromProperty, maxDays],
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          const from = (args.object as Record<string, unknown>)[fromProperty];
          if (typeof value !== 'string' || typeof from !== 'string') return true;
          const end = Date.parse(value);
          const start = Date.parse(from);
          if (Number.isNaN(end) || Number.isNaN(start)) return true;
          return end > start && end - start <= maxDays * 86_400_000;
        },
        defaultMessage(): string {
          return `must be later than ${fromProperty} and at most ${maxDays} days after it`;
        },
      },
    });
  };
}
