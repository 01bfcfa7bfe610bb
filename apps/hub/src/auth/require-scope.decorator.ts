import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { RequiredScope } from './api-key-scopes';

export const REQUIRED_SCOPE = 'serai:required-scope';

/**
 * The scope an API key needs for a controller or one handler (the handler's wins). Enforced by
 * {@link ApiKeyGuard}; also documents bearer security and the 401/403 answers in OpenAPI.
 */
export function RequireScope(scope: RequiredScope): ClassDecorator & MethodDecorator {
  return applyDecorators(
    SetMetadata(REQUIRED_SCOPE, scope),
    ApiBearerAuth(),
    ApiExtension('x-required-scope', scope),
    ApiUnauthorizedResponse({ description: 'No API key, or one that is unknown or revoked (problem+json)' }),
    ApiForbiddenResponse({ description: `The API key lacks the \`${scope}\` scope (problem+json)` }),
  );
}
