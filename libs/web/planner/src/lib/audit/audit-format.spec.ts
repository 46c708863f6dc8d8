import { auditChanges } from './audit-format';

describe('auditChanges', () => {
  it('lists the fields that changed, with their values before and after', () => {
    expect(
      auditChanges({
        before: { status: 'pending', flagged: false, contributionId: 'c1' },
        after: { status: 'published', flagged: false, contributionId: 'c1', reason: null },
      }),
    ).toEqual([
      { field: 'status', before: 'pending', after: 'published' },
      { field: 'reason', before: null, after: 'null' },
    ]);
  });

  it('shows creations and deletions, and shortens long values', () => {
    expect(auditChanges({ before: null, after: { name: 'Grün' } })).toEqual([{ field: 'name', before: null, after: 'Grün' }]);
    expect(auditChanges({ before: { name: 'Grün' }, after: null })).toEqual([{ field: 'name', before: 'Grün', after: null }]);
    const [change] = auditChanges({ before: null, after: { description: 'x'.repeat(500) } });
    expect(change.after?.length).toBeLessThan(260);
    expect(auditChanges({ before: [{ kind: 'information' }], after: [] })).toEqual([
      { field: 'value', before: '[{"kind":"information"}]', after: '[]' },
    ]);
  });
});
