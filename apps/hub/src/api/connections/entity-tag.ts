import { HttpException, HttpStatus } from '@nestjs/common';
import { RequestValidationError } from '@serai/common';

/** Weak ETags carry a row's version: `W/"7"`. */
export function entityTagOf(version: number): string {
  return `W/"${version}"`;
}

const TAG = /^(?:W\/)?"(\d{1,9})"$/;

/** The version an If-Match header names; undefined when absent or `*` (any version). */
export function versionFromIfMatch(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined || ifMatch.trim() === '*') return undefined;
  const match = TAG.exec(ifMatch.trim());
  if (!match?.[1]) throw new RequestValidationError([{ field: 'If-Match', reason: 'must be an ETag this API issued, e.g. W/"3"' }]);
  return Number(match[1]);
}

export class StaleEntityTag extends HttpException {
  constructor(name: string, current: number) {
    super(
      `The connection ${name} changed since it was read (now ${entityTagOf(current)}); read it again and retry.`,
      HttpStatus.PRECONDITION_FAILED,
    );
  }
}
