import { ValidateBy, ValidationOptions } from 'class-validator';
import { isPlainAttribution } from '@stadtdialog/shared/contract';

/**
 * A map layer's attribution: text, with `<a href="https://…">…</a>` links as its only markup. The
 * web shows anything else as text anyway; refusing it here tells the planner at once.
 */
export function IsPlainAttribution(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPlainAttribution',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isPlainAttribution(value),
        defaultMessage: () =>
          'attribution must be text; its only markup may be links to http(s) addresses, <a href="https://…">…</a>',
      },
    },
    options,
  );
}
