import { Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateNested, validateSync } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { toFieldProblems } from './validation-errors';

class Line {
  @IsString() sku!: string;
  @IsInt() @Min(1) quantity!: number;
}
class Body {
  @IsString() name!: string;
  @ValidateNested({ each: true }) @Type(() => Line) lines!: Line[];
}

describe('toFieldProblems', () => {
  it('names every failing field with its path and reason', () => {
    const body = plainToInstance(Body, {
      name: 7,
      lines: [
        { sku: 'A', quantity: 1 },
        { sku: 'B', quantity: 0 },
      ],
    });
    expect(toFieldProblems(validateSync(body))).toEqual([
      { field: 'name', reason: 'must be a string' },
      { field: 'lines[1].quantity', reason: 'must not be less than 1' },
    ]);
  });
});
