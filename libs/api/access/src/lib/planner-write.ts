import { DataSource, EntityManager } from 'typeorm';
import { IDEMPOTENCY_KEY_PATTERN, IdempotencyConflict, StoredResponse, withIdempotency } from '@stadtdialog/api/db';
import { ProblemException } from '@stadtdialog/api/http';
import { IDEMPOTENCY_KEY_HEADER } from '@stadtdialog/shared/contract';

export interface PlannerWriteRequest {
  method: string;
  baseUrl?: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  planner?: { id: string };
}

/**
 * One planner write in one transaction (the caller records its audit entry with the same manager).
 * With an Idempotency-Key, a retry by the same planner replays the first answer.
 */
export async function plannerWrite<T>(
  dataSource: DataSource,
  request: PlannerWriteRequest,
  work: (manager: EntityManager) => Promise<{ status: number; body: T }>,
): Promise<StoredResponse<T>> {
  const raw = request.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (key !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new ProblemException('invalid_header', 'Idempotency-Key must be a UUID made by the client', {
      errors: [{ field: IDEMPOTENCY_KEY_HEADER, code: 'invalid_id', message: 'Idempotency-Key must be a UUID made by the client' }],
    });
  }
  const scope = `${request.method} ${request.baseUrl ?? ''}${request.path} planner:${request.planner?.id ?? '-'}`;
  try {
    return await withIdempotency<T>(dataSource, { scope, key, body: request.body ?? null }, work);
  } catch (error) {
    if (error instanceof IdempotencyConflict) {
      throw new ProblemException('validation_failed', error.message, {
        errors: [{ field: IDEMPOTENCY_KEY_HEADER, code: 'key_reused', message: error.message }],
      });
    }
    throw error;
  }
}
