import { MessageKey, MessageParams, PlannerFailure } from '@stadtdialog/web/data-access';

/** A text to show, as a message key and its parameters. */
export interface LocalizedText {
  key: MessageKey;
  params?: MessageParams;
}

/**
 * What a failed request means to a planner, in their language. The API explains problems in English
 * for developers; known explanations get their own sentence, the rest a general one.
 */
export function failureText(failure: PlannerFailure): LocalizedText {
  const detail = failure.detail ?? '';
  switch (true) {
    case failure.status === 0 || failure.status >= 502:
      return { key: 'planner.error.offline' };
    case failure.status === 401:
      return { key: 'planner.error.signedOut' };
    case failure.status === 403:
      return { key: 'planner.error.forbidden' };
    case failure.status === 404:
      return { key: 'planner.error.notFound' };
    case failure.status === 429:
      return { key: 'planner.error.tooMany', params: { seconds: failure.retryAfter ?? 60 } };
    case failure.status === 409: {
      const used = /used by (\d+) contribution/.exec(detail);
      if (used) return { key: 'planner.error.inUse', params: { count: used[1] } };
      if (/own admin role/.test(detail)) return { key: 'planner.error.ownAdmin' };
      if (/disable your own/.test(detail)) return { key: 'planner.error.ownAccount' };
      if (/e-mail address exists/.test(detail)) return { key: 'planner.error.emailTaken' };
      if (/cannot be \w+d/.test(detail)) return { key: 'planner.error.transition' };
      if (/already exists/i.test(detail)) return { key: 'planner.error.exists' };
      return { key: 'planner.error.conflict' };
    }
    case failure.errors.length > 0:
      return { key: 'planner.error.invalid' };
    default:
      return { key: 'planner.error.failed', params: { status: failure.status } };
  }
}

/** One refused field's explanation in the planner's language. */
export function fieldText(message: string): LocalizedText {
  const m = message.toLowerCase();
  const max = /at most (\d+) characters/.exec(m);
  if (max) return { key: 'planner.error.maxLength', params: { max: max[1] } };
  const min = /at least (\d+) characters/.exec(m);
  if (min) return { key: 'planner.error.minLength', params: { min: min[1] } };
  if (/must not be the e-mail/.test(m)) return { key: 'planner.error.passwordIsEmail' };
  if (/required|must not be empty|needs a reason/.test(m)) return { key: 'planner.error.required' };
  if (/slug must/.test(m)) return { key: 'planner.error.slug' };
  if (/e-mail address/.test(m)) return { key: 'planner.error.email' };
  if (/colour must/.test(m)) return { key: 'planner.error.colour' };
  if (/after startsat/.test(m)) return { key: 'planner.error.endBeforeStart' };
  if (/iso 8601/.test(m)) return { key: 'planner.error.date' };
  if (/url must/.test(m)) return { key: 'planner.error.url' };
  if (/planningarea|geometry/.test(m)) return { key: 'planner.error.area', params: { reason: message } };
  if (/less than|greater than/.test(m)) return { key: 'planner.error.range' };
  return { key: 'planner.error.field' };
}

/** The first explanation per refused field, by field name (`phases.0.endsAt` stays as it is). */
export function fieldTexts(failure: PlannerFailure | null): Record<string, LocalizedText> {
  const texts: Record<string, LocalizedText> = {};
  for (const error of failure?.errors ?? []) texts[error.field] ??= fieldText(error.message);
  return texts;
}
