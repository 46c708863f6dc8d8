import { apiConfig } from './api-config';

describe('apiConfig', () => {
  it('should work', () => {
    expect(apiConfig()).toEqual('api-config');
  });
});
