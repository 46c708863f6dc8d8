import { PlannerFailure } from '@stadtdialog/web/data-access';
import { failureText, fieldText, fieldTexts } from './failure-text';

const failure = (patch: Partial<PlannerFailure>): PlannerFailure => ({ status: 400, errors: [], retryAfter: null, detail: null, ...patch });

describe('failure texts', () => {
  it('names the common failures by status', () => {
    expect(failureText(failure({ status: 0 })).key).toBe('planner.error.offline');
    expect(failureText(failure({ status: 503 })).key).toBe('planner.error.offline');
    expect(failureText(failure({ status: 401 })).key).toBe('planner.error.signedOut');
    expect(failureText(failure({ status: 403 })).key).toBe('planner.error.forbidden');
    expect(failureText(failure({ status: 404 })).key).toBe('planner.error.notFound');
    expect(failureText(failure({ status: 429, retryAfter: 4 }))).toEqual({ key: 'planner.error.tooMany', params: { seconds: 4 } });
    expect(failureText(failure({ status: 418 }))).toEqual({ key: 'planner.error.failed', params: { status: 418 } });
  });

  it('explains the API conflicts planners run into', () => {
    expect(failureText(failure({ status: 409, detail: 'This category is used by 3 contribution(s); move them first.' }))).toEqual({
      key: 'planner.error.inUse',
      params: { count: '3' },
    });
    expect(failureText(failure({ status: 409, detail: 'You cannot disable your own account; ask another admin.' })).key).toBe(
      'planner.error.ownAccount',
    );
    expect(failureText(failure({ status: 409, detail: 'A planner with this e-mail address exists.' })).key).toBe('planner.error.emailTaken');
    expect(failureText(failure({ status: 409, detail: 'A rejected contribution cannot be unhided.' })).key).toBe('planner.error.transition');
    expect(failureText(failure({ status: 409, detail: 'This already exists' })).key).toBe('planner.error.exists');
  });

  it('puts refused fields into the planner language, first message per field', () => {
    expect(fieldText('slug must be lower-case letters and digits in words joined by single hyphens, at most 80 characters')).toEqual({
      key: 'planner.error.maxLength',
      params: { max: '80' },
    });
    expect(fieldText('the password must be at least 12 characters')).toEqual({ key: 'planner.error.minLength', params: { min: '12' } });
    expect(fieldText('a rejection needs a reason').key).toBe('planner.error.required');
    expect(fieldText('colour must be #rrggbb').key).toBe('planner.error.colour');
    expect(fieldText('endsAt must be after startsAt').key).toBe('planner.error.endBeforeStart');
    expect(fieldText('planningArea is not valid: Self-intersection[9.93 53.55]')).toEqual({
      key: 'planner.error.area',
      params: { reason: 'planningArea is not valid: Self-intersection[9.93 53.55]' },
    });
    expect(fieldText('something new').key).toBe('planner.error.field');
    expect(
      fieldTexts(
        failure({
          status: 422,
          errors: [
            { field: 'email', message: 'email is required' },
            { field: 'email', message: 'email must be an e-mail address' },
            { field: 'phases.1.endsAt', message: 'endsAt must be after startsAt' },
          ],
        }),
      ),
    ).toEqual({ email: { key: 'planner.error.required' }, 'phases.1.endsAt': { key: 'planner.error.endBeforeStart' } });
  });
});
