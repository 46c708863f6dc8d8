import { contract } from './contract';

describe('contract', () => {
  it('should work', () => {
    expect(contract()).toEqual('contract');
  });
});
