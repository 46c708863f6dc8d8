import { ProblemException } from '@stadtdialog/api/http';
import { idempotentRequest } from './participation-headers';

const id = '0b6f2c1e-4d7a-4f0e-9a51-3c2d1e0f9a8b';

describe('idempotentRequest', () => {
  const request = (key: string | undefined) => ({
    method: 'POST',
    baseUrl: '',
    path: '/api/v1/procedures/p/reports',
    header: ((name: string) => (name === 'Idempotency-Key' ? key : undefined)) as never,
  });

  it('scopes a key by method and path', () => {
    expect(idempotentRequest(request(id))).toEqual({ key: id, scope: 'POST /api/v1/procedures/p/reports' });
    expect(idempotentRequest(request(undefined)).key).toBeUndefined();
  });

  it('refuses a key that is not a UUID with 400 naming the header', () => {
    expect(() => idempotentRequest(request('retry-1'))).toThrow(ProblemException);
    try {
      idempotentRequest(request('retry-1'));
    } catch (error) {
      expect((error as ProblemException).getStatus()).toBe(400);
      expect((error as ProblemException).errors?.[0].field).toBe('Idempotency-Key');
    }
  });
});
