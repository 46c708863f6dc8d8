import { isUtf8 } from 'node:buffer';
import type { FieldError } from '@stadtdialog/shared/contract';

/** Deeper than any request body of the API needs (a polygon's numbers sit at depth 5). */
export const MAX_JSON_DEPTH = 16;

/** Keys that are never fields of the API and that object merging could turn into prototype changes. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** What is wrong with a request body as a whole, or with one field of it. */
export type JsonBodyError = { kind: 'body'; detail: string } | { kind: 'field'; error: FieldError };

function describeValue(value: unknown): string {
  if (value === undefined) return 'an empty body';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function fieldPath(prefix: string, key: string | number): string {
  if (typeof key === 'number') return `${prefix}[${key}]`;
  return prefix ? `${prefix}.${key}` : key;
}

/**
 * Walks a parsed JSON value, stopping at MAX_JSON_DEPTH so deep nesting can neither overflow the
 * stack of the validators that follow nor turn into a 500. Reserved keys are refused because
 * class-transformer silently drops them, which would hide unknown fields from the whitelist.
 */
function structureError(value: unknown, path: string, depth: number): FieldError | null {
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_JSON_DEPTH) {
    return { field: path, code: 'too_deep', max: MAX_JSON_DEPTH, message: `${path} nests deeper than ${MAX_JSON_DEPTH} levels` };
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const error = structureError(value[i], fieldPath(path, i), depth + 1);
      if (error) return error;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const field = fieldPath(path, key);
    if (RESERVED_KEYS.has(key)) return { field, code: 'unknown_field', message: `property ${key} should not exist` };
    const error = structureError((value as Record<string, unknown>)[key], field, depth + 1);
    if (error) return error;
  }
  return null;
}

/** A request body must be one JSON object with bounded nesting and no reserved keys. */
export function jsonBodyError(body: unknown): JsonBodyError | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { kind: 'body', detail: `The body must be a JSON object, not ${describeValue(body)}` };
  }
  const error = structureError(body, '', 1);
  return error ? { kind: 'field', error } : null;
}

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

export interface BodyRequestLike {
  method: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Why a request's body is not JSON (it has one, RFC 9112, with another media type), or null. */
export function nonJsonBodyDetail(request: BodyRequestLike): string | null {
  if (!METHODS_WITH_BODY.has(request.method)) return null;
  const length = request.headers['content-length'];
  const hasBody = request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  const type = request.headers['content-type'];
  if (!hasBody || (typeof type === 'string' && JSON_MEDIA_TYPE.test(type))) return null;
  const sent = type ? `not "${type}"` : 'and this request has no Content-Type';
  return `The body must be JSON sent as Content-Type: application/json, ${sent}`;
}

/**
 * `verify` hook of the JSON parser: RFC 8259 JSON is UTF-8, and the parser would otherwise turn
 * broken bytes into U+FFFD and store text the client never wrote.
 */
export function verifyUtf8(_request: unknown, _response: unknown, body: Buffer): void {
  if (!isUtf8(body)) {
    throw Object.assign(new Error('The body is not valid UTF-8'), { status: 400, type: 'encoding.invalid' });
  }
}
