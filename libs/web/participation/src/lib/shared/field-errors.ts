import { FieldProblem, MessageKey, MessageParams } from '@stadtdialog/web/data-access';

export interface LocalizedProblem {
  key: MessageKey;
  params?: MessageParams;
}

/**
 * The API explains refused fields in English for developers; residents get the matching sentence in
 * their language. Unknown explanations fall back to a general one for the field.
 */
export function localizeFieldProblem(problem: FieldProblem): LocalizedProblem {
  const message = problem.message.toLowerCase();
  const max = /at most (\d+)/.exec(message);
  if (max) return { key: 'error.maxLength', params: { max: max[1] } };
  if (/outside the planning area/.test(message)) return { key: 'error.outsideArea' };
  if (/needs a location/.test(message)) return { key: 'error.locationRequired' };
  if (problem.field.startsWith('geometry')) {
    if (/not allowed|type/.test(message)) return { key: 'error.geometryType' };
    if (/vert/.test(message)) return { key: 'error.tooManyVertices' };
    return { key: 'error.invalidGeometry' };
  }
  if (/empty|required/.test(message)) return { key: 'error.required' };
  if (problem.field === 'categoryId' || problem.field === 'rubricId') return { key: 'error.notOffered' };
  return { key: 'error.rejected' };
}
