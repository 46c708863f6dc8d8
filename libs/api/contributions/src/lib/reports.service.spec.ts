import { reportTarget } from './reports.service';

const id = '0b6f2c1e-4d7a-4f0e-9a51-3c2d1e0f9a8b';

describe('reportTarget', () => {
  it('takes exactly one of contributionId, commentId and variantCommentId', () => {
    expect(reportTarget({ contributionId: id })).toMatchObject({ id, target: { table: 'contributions' } });
    expect(reportTarget({ commentId: id })).toMatchObject({ id, target: { table: 'comments' } });
    expect(reportTarget({ variantCommentId: id })).toMatchObject({ id, field: 'variantCommentId', target: { table: 'variant_comments' } });
  });

  it('names the fields when none or several are given', () => {
    const none = reportTarget({});
    const both = reportTarget({ contributionId: id, commentId: id });
    for (const [errors, pattern] of [[none, /one of/], [both, /only one/]] as const) {
      expect(Array.isArray(errors) && errors.map((e) => e.field)).toEqual(['contributionId', 'commentId']);
      expect(Array.isArray(errors) && errors[0].message).toMatch(pattern);
    }
    const other = reportTarget({ commentId: id, variantCommentId: id });
    expect(Array.isArray(other) && other.map((e) => e.field)).toEqual(['commentId', 'variantCommentId']);
  });
});
