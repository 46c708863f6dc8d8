import { ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';
import { isBlank, isPlainAttribution } from '@stadtdialog/shared/contract';

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

/**
 * The field may be left out. Unlike class-validator's `@IsOptional()`, which skips null as well,
 * `null` is a value here and meets the field's checks (and is refused by a type check): a client
 * that sends `"title": null` hears so instead of having it stored or turned into a 500. Keep
 * `@IsOptional()` for the fields where null means "none" (a planning area, an end time, an overlay).
 */
export function IsOmittable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined, options);
}

/**
 * Text with something visible in it, or nothing at all: `''` is taken (an optional version being
 * removed), spaces, zero-width and format characters alone are refused with `blank_text`.
 */
export function IsVisibleOrEmptyText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isVisibleOrEmptyText',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || value === '' || !isBlank(value),
        defaultMessage: (args) => `${args?.property ?? 'text'} must not be made of invisible characters only (send "" to remove it)`,
      },
    },
    { ...options, context: { code: 'blank_text', ...(options?.context ?? {}) } },
  );
}
