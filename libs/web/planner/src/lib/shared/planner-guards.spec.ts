import { safeReturnUrl } from './planner-guards';

describe('safeReturnUrl', () => {
  it('follows only paths inside the planner area', () => {
    expect(safeReturnUrl('/planner/procedures/p1/moderation')).toBe('/planner/procedures/p1/moderation');
    expect(safeReturnUrl('/planner?x=1')).toBe('/planner?x=1');
    expect(safeReturnUrl('/planner')).toBe('/planner');
    expect(safeReturnUrl('/plannerx')).toBe('/planner');
    expect(safeReturnUrl('https://evil.example/planner')).toBe('/planner');
    expect(safeReturnUrl('//evil.example/planner')).toBe('/planner');
    expect(safeReturnUrl('/planner/sign-in?returnUrl=/planner')).toBe('/planner');
    expect(safeReturnUrl(undefined)).toBe('/planner');
  });
});
