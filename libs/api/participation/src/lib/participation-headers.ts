import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Request, Response } from 'express';
import { IDEMPOTENCY_KEY_HEADER, PARTICIPANT_TOKEN_HEADER } from '@stadtdialog/shared/contract';
import { IDEMPOTENCY_KEY_PATTERN } from '@stadtdialog/api/db';
import { ProblemException, TableKeyRequest } from '@stadtdialog/api/http';

/** The Idempotency-Key of a POST and the scope it is unique in, or 400 when it is not a UUID. */
export interface IdempotentRequest {
  key: string | undefined;
  scope: string;
}

export function idempotentRequest(request: Pick<Request, 'method' | 'baseUrl' | 'path' | 'header'>): IdempotentRequest {
  const key = request.header(IDEMPOTENCY_KEY_HEADER);
  if (key !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new ProblemException('invalid_header', 'Idempotency-Key must be a UUID made by the client', {
      errors: [{ field: IDEMPOTENCY_KEY_HEADER, code: 'invalid_id', message: 'Idempotency-Key must be a UUID made by the client' }],
    });
  }
  return { key, scope: `${request.method} ${request.baseUrl}${request.path}` };
}

export const Idempotent = createParamDecorator((_: unknown, context: ExecutionContext) =>
  idempotentRequest(context.switchToHttp().getRequest<Request>()),
);

/** The anonymous participant's token header, as sent (checked and hashed by ParticipantTokens). */
export const ParticipantToken = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | undefined =>
    context.switchToHttp().getRequest<Request>().header(PARTICIPANT_TOKEN_HEADER),
);

/**
 * The workshop whose table sent the request (a valid X-Table-Key, checked by the workshops module's
 * guard on routes marked TableKeyAccepted), or undefined for everyone else.
 */
export const TableWorkshopId = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | undefined =>
    context.switchToHttp().getRequest<TableKeyRequest>().tableWorkshop?.id,
);

/** What a participant's write answers with: its status, a newly issued token, and whether it is a replay. */
export function sendParticipantWrite<T>(
  response: Response,
  result: { status: number; body: T; issuedToken: string | null; replayed: boolean },
): T {
  response.status(result.status);
  if (result.issuedToken) response.setHeader(PARTICIPANT_TOKEN_HEADER, result.issuedToken);
  if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
  return result.body;
}
