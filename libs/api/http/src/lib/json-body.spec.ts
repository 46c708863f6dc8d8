import { MAX_JSON_DEPTH, jsonBodyError, nonJsonBodyDetail, verifyUtf8 } from './json-body';

describe('jsonBodyError', () => {
  it('accepts an object with nested arrays such as a polygon', () => {
    expect(jsonBodyError({ title: 't', geometry: { type: 'Polygon', coordinates: [[[9, 53], [9.1, 53]]] } })).toBeNull();
  });

  it.each([
    [[], 'an array'],
    [null, 'null'],
    [42, 'a number'],
    ['text', 'a string'],
    [undefined, 'an empty body'],
  ])('refuses %j as a body-level error naming what came', (body, what) => {
    expect(jsonBodyError(body)).toEqual({ kind: 'body', detail: `The body must be a JSON object, not ${what}` });
  });

  it('names the field where nesting goes too deep, without overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const error = jsonBodyError({ geometry: { coordinates: deep } });
    expect(error).toMatchObject({ kind: 'field', error: { code: 'too_deep', max: MAX_JSON_DEPTH, message: expect.stringContaining(`deeper than ${MAX_JSON_DEPTH}`) } });
    expect(error?.kind === 'field' && error.error.field.startsWith('geometry.coordinates[0][0]')).toBe(true);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the reserved key %s, also nested', (key) => {
    expect(jsonBodyError(JSON.parse(`{"${key}": {}}`))).toEqual({
      kind: 'field', error: { field: key, code: 'unknown_field', message: `property ${key} should not exist` },
    });
    expect(jsonBodyError(JSON.parse(`{"geometry": {"${key}": 1}}`))).toMatchObject({ error: { field: `geometry.${key}` } });
  });
});

describe('nonJsonBodyDetail', () => {
  const request = (method: string, headers: Record<string, string>) => ({ method, headers });

  it('lets JSON media types and body-less requests through', () => {
    expect(nonJsonBodyDetail(request('POST', { 'content-type': 'application/json', 'content-length': '2' }))).toBeNull();
    expect(nonJsonBodyDetail(request('POST', { 'content-type': 'application/merge-patch+json; charset=utf-8', 'content-length': '2' }))).toBeNull();
    expect(nonJsonBodyDetail(request('POST', { 'content-length': '0' }))).toBeNull();
    expect(nonJsonBodyDetail(request('GET', { 'content-type': 'text/plain', 'content-length': '2' }))).toBeNull();
  });

  it('names the media type that is not JSON, also for chunked bodies', () => {
    expect(nonJsonBodyDetail(request('POST', { 'content-type': 'text/plain', 'content-length': '2' }))).toMatch(/not "text\/plain"/);
    expect(nonJsonBodyDetail(request('PUT', { 'transfer-encoding': 'chunked' }))).toMatch(/has no Content-Type/);
    expect(nonJsonBodyDetail(request('PATCH', { 'content-type': 'application/jsonp', 'content-length': '2' }))).not.toBeNull();
  });
});

describe('verifyUtf8', () => {
  it('refuses broken UTF-8 with a 400 the problem filter renders', () => {
    expect(() => verifyUtf8(null, null, Buffer.from('{"title":"Grünfläche 🌳"}'))).not.toThrow();
    expect(() => verifyUtf8(null, null, Buffer.from([0x7b, 0xff, 0x7d]))).toThrow(
      expect.objectContaining({ status: 400, message: 'The body is not valid UTF-8' }),
    );
  });
});
