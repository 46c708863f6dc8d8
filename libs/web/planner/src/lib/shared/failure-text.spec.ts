import { PlannerFailure } from '@stadtdialog/web/data-access';
import { failureText, fieldTexts } from './failure-text';

const failure = (patch: Partial<PlannerFailure>): PlannerFailure => ({ status: 400, code: null, errors: [], retryAfter: null, detail: null, ...patch });

describe('failure texts', () => {
  it('translate the problem code, whatever the English detail says', () => {
    expect(failureText(failure({ status: 409, code: 'in_use', count: 3, detail: 'This category is used by 7 contribution(s)' }))).toEqual({
      key: 'problem.in_use',
      params: { count: 3 },
    });
    expect(failureText(failure({ status: 409, code: 'own_account', detail: 'anything' })).key).toBe('problem.own_account');
    expect(failureText(failure({ status: 409, code: 'email_taken' })).key).toBe('problem.email_taken');
    expect(failureText(failure({ status: 409, code: 'state_transition' })).key).toBe('problem.state_transition');
    expect(failureText(failure({ status: 409, code: 'already_exists' })).key).toBe('problem.already_exists');
    expect(failureText(failure({ status: 429, code: 'rate_limited', retryAfter: 4 }))).toEqual({ key: 'problem.rate_limited', params: { seconds: 4 } });
  });

  it('fall back to the status without a code, and say offline without an answer', () => {
    expect(failureText(failure({ status: 0 })).key).toBe('error.offline');
    expect(failureText(failure({ status: 502 })).key).toBe('error.offline');
    expect(failureText(failure({ status: 401 })).key).toBe('problem.sign_in_required');
    expect(failureText(failure({ status: 403 })).key).toBe('problem.forbidden');
    expect(failureText(failure({ status: 404 })).key).toBe('problem.not_found');
    expect(failureText(failure({ status: 418 })).key).toBe('error.failed');
  });

  it('put refused fields into the planner language by their codes, first one per field', () => {
    expect(
      fieldTexts(
        failure({
          status: 422,
          code: 'validation_failed',
          errors: [
            { field: 'email', code: 'required', message: 'email is required' },
            { field: 'email', code: 'invalid_email', message: 'email must be an e-mail address' },
            { field: 'slug', code: 'too_long', max: 80, message: 'slug must be lower-case letters …' },
            { field: 'password', code: 'too_short', min: 12, message: 'the password must be at least 12 characters' },
            { field: 'phases.0.endsAt', code: 'end_before_start', message: 'endsAt must be after startsAt' },
            { field: 'planningArea', code: 'self_intersection', reason: 'Self-intersection[9.93 53.55]', message: 'planningArea is not valid' },
          ],
        }),
      ),
    ).toEqual({
      email: { key: 'fieldError.required', params: {} },
      slug: { key: 'fieldError.too_long', params: { max: 80 } },
      password: { key: 'fieldError.too_short', params: { min: 12 } },
      'phases.0.endsAt': { key: 'fieldError.end_before_start', params: {} },
      planningArea: { key: 'fieldError.self_intersection', params: {} },
    });
    expect(fieldTexts(null)).toEqual({});
  });
});
