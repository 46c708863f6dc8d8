import { fieldErrorTexts, LocalizedText, PlannerFailure, problemText } from '@stadtdialog/web/data-access';

export type { LocalizedText } from '@stadtdialog/web/data-access';

/** What a failed planner request means, in the planner's language: the one translator of problem codes. */
export function failureText(failure: PlannerFailure): LocalizedText {
  return problemText(failure);
}

/** The first explanation per refused field, by field name (`phases.0.endsAt` stays as it is), from the field codes. */
export function fieldTexts(failure: PlannerFailure | null): Record<string, LocalizedText> {
  return fieldErrorTexts(failure?.errors);
}
