import type { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES } from '@serai/common';

type Json = Record<string, unknown>;
type Operation = Json & { responses?: Record<string, Json>; parameters?: Json[]; 'x-list-export'?: boolean };

const PROBLEM_REF = '#/components/schemas/ProblemDetails';
const MUTATING = ['post', 'put', 'patch'];

const PROBLEM_SCHEMA: Json = {
  type: 'object',
  description: 'RFC 9457 problem details: every error of the API has this shape and media type.',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', format: 'uri', description: 'Stable: clients may switch on it', example: PROBLEM_TYPES.validation },
    title: { type: 'string', example: 'Invalid request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string', example: 'Invalid request: limit must not be greater than 200' },
    instance: { type: 'string', example: '/api/v1/orders' },
    correlationId: {
      type: 'string',
      description: 'The request id (`X-Request-Id`), on every log line and provider call trace of the request',
      example: '5f0c6f1e-8d7e-4a43-9d0b-1c1b6a2f3e11',
    },
    errors: {
      type: 'array',
      description: 'On 400 and 422: each failing field and why',
      items: {
        type: 'object',
        required: ['field', 'reason'],
        properties: { field: { type: 'string', example: 'limit' }, reason: { type: 'string', example: 'must not be greater than 200' } },
      },
    },
  },
};

/** Errors every operation under the prefix can answer, beside those it documents itself. */
const COMMON_ERRORS: Record<string, string> = {
  '400': 'Invalid input: a parameter, header or body field is refused (problem+json naming each field in `errors`)',
  '401': 'No API key, or one that is unknown or revoked (problem+json)',
  '429': 'Rate limit of the API key reached; `Retry-After` says when to try again (problem+json)',
  '500': 'Unexpected error; the `correlationId` finds it in the logs (problem+json)',
};
const MUTATING_ERRORS: Record<string, string> = {
  '409': 'Conflict with the current state, or the same `Idempotency-Key` is still in use by an unfinished request (problem+json)',
  '422': 'The `Idempotency-Key` was already used with a different request, or a domain rule refuses it (problem+json)',
};

const problemContent = (): Json => ({ [PROBLEM_CONTENT_TYPE]: { schema: { $ref: PROBLEM_REF } } });

/**
 * Completes the generated document with what holds for every operation of the API, so no
 * controller can forget it: the problem+json schema on every error answer, the common errors
 * (400, 401, 429, 500; 409/422 for changes), the `Idempotency-Key` header on POST/PUT/PATCH, the
 * `X-Request-Id` header, and the CSV / JSON-lines media types of exportable lists.
 */
export function completeOpenApiDocument(document: OpenAPIObject, prefix: string): OpenAPIObject {
  const components = (document.components ??= {});
  components.schemas = { ...components.schemas, ProblemDetails: PROBLEM_SCHEMA };
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith(prefix)) continue;
    for (const [method, value] of Object.entries(item as Record<string, Operation>)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const operation = value;
      const responses = (operation.responses ??= {});
      const errors = { ...COMMON_ERRORS, ...(MUTATING.includes(method) ? MUTATING_ERRORS : {}) };
      for (const [status, description] of Object.entries(errors)) responses[status] ??= { description };
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) >= 400) response.content = { ...problemContent(), ...(response.content as Json | undefined) };
        if (status === '429') response.headers = { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } };
      }
      const parameters = (operation.parameters ??= []);
      const has = (name: string): boolean => parameters.some((p) => String(p.name).toLowerCase() === name.toLowerCase());
      if (!has('X-Request-Id')) {
        parameters.push({
          name: 'X-Request-Id',
          in: 'header',
          required: false,
          description: 'Correlation id (1-128 of A-Z a-z 0-9 . _ : -); echoed back, generated when absent',
          schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$' },
        });
      }
      if (MUTATING.includes(method) && !has('Idempotency-Key')) {
        parameters.push({
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'Makes a retry safe: the same key with the same request answers the first answer again (kept 24 hours, per API key); with another request 422; while the first runs 409.',
          schema: { type: 'string', minLength: 1, maxLength: 255 },
          example: '7c4a8d09-ca37-4e2b-9f0a-2f1d3b5e6a77',
        });
      }
      if (operation['x-list-export'] === true) {
        const ok = responses['200'];
        if (ok) {
          ok.content = {
            ...(ok.content as Json | undefined),
            'text/csv': { schema: { type: 'string' }, example: '\uFEFFid,status\r\n8a0d…,received\r\n' },
            'application/x-ndjson': { schema: { type: 'string' }, example: '{"id":"8a0d…","status":"received"}\n' },
          };
        }
      }
    }
  }
  return document;
}
