/**
 * Bodies a client could send instead of a valid one: every field, at every depth, replaced by
 * values of other JSON types (a number for text, text for a number, an array, an object, null),
 * whole numbers by fractions, text by 200,000 characters, objects with an unknown field. Each
 * must be refused with a 4xx problem and change nothing.
 */
export interface WrongBody {
  /** the field and what it was replaced by, e.g. `map.layers[0].opacity = "0.5"` */
  name: string;
  body: unknown;
}

export interface WrongTypeOptions {
  /** fields (paths as in `name`, without indexes: `location`, `map.layers.extent`) where null is valid */
  nullable?: string[];
  /** object fields whose inner shape is judged elsewhere (GeoJSON): replaced whole, not field by field */
  opaque?: string[];
}

/** Longer than any text field of the API takes, shorter than its 256 KiB body cap. */
export const HUGE_TEXT = 'x'.repeat(200_000);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function label(value: Json): string {
  if (typeof value === 'string') return value.length > 40 ? `"x" × ${value.length}` : JSON.stringify(value);
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** Values of other types than `value`, for one position in the body. */
function replacements(value: Json, nullable: boolean): Json[] {
  const out: Json[] = nullable ? [] : [null];
  if (typeof value === 'string') out.push(42, true, [value], { value }, HUGE_TEXT);
  else if (typeof value === 'number') {
    out.push(String(value), true, [value], { value });
    if (Number.isInteger(value)) out.push(value + 0.5);
  } else if (typeof value === 'boolean') out.push(String(value), value ? 1 : 0, [value]);
  else if (Array.isArray(value)) out.push('text', 42, { 0: value[0] ?? null });
  else if (value !== null) out.push('text', 42, true, [value]);
  return out;
}

function set(root: Json, path: (string | number)[], value: Json): Json {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(root)) return root.map((item, i) => (i === head ? set(item, rest, value) : item));
  const object = root as Record<string, Json>;
  return { ...object, [head]: set(object[head as string], rest, value) };
}

function pathName(path: (string | number)[]): string {
  return path.reduce<string>((name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${key}` : key), '');
}

/** The path without array indexes, as `nullable` and `opaque` name fields. */
function fieldName(path: (string | number)[]): string {
  return path.filter((key) => typeof key === 'string').join('.');
}

export function wrongBodies(valid: Record<string, Json>, options: WrongTypeOptions = {}): WrongBody[] {
  const nullable = new Set(options.nullable ?? []);
  const opaque = new Set(options.opaque ?? []);
  const bodies: WrongBody[] = [
    { name: 'the body is an array', body: [valid] },
    { name: 'the body is text', body: 'text' },
    { name: 'the body is null', body: null },
    { name: 'an unknown field', body: { ...valid, unexpected: 1 } },
  ];
  const visit = (value: Json, path: (string | number)[]) => {
    const field = fieldName(path);
    for (const wrong of replacements(value, nullable.has(field))) {
      bodies.push({ name: `${pathName(path)} = ${label(wrong)}`, body: set(valid, path, wrong) });
    }
    if (opaque.has(field) || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      if (value.length) visit(value[0], [...path, 0]);
      return;
    }
    bodies.push({ name: `${pathName(path)} has an unknown field`, body: set(valid, path, { ...value, unexpected: 1 }) });
    for (const [key, inner] of Object.entries(value)) visit(inner, [...path, key]);
  };
  for (const [key, value] of Object.entries(valid)) visit(value, [key]);
  return bodies;
}
