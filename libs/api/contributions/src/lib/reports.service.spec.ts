import { reportTarget } from './reports.service';

const id = '0b6f2c1e-4d7a-4f0e-9a51-3c2d1e0f9a8b';

describe('reportTarget', () => {
  it('takes exactly one of contributionId and commentId', () => {
    expect(reportTarget({ contributionId: id })).toMatchObject({ id, target: { table: 'contributions' } });
    expect(reportTarget({ commentId: id })).toMatchObject({ id, target: { table: 'comments' } });
  });

  it('names both fields when none or both are given', () => {
    const none = reportTarget({});
    const both = reportTarget({ contributionId: id, commentId: id });
    for (const [errors, pattern] of [[none, /either/], [both, /not both/]] as const) {
      expect(Array.isArray(errors) && errors.map((e) => e.field)).toEqual(['contributionId', 'commentId']);
      expect(Array.isArray(errors) && errors[0].message).toMatch(pattern);
    }
  });
});
