const TRANSLITERATIONS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** A URL slug from a title, the way the API accepts it: lower-case words joined by single hyphens. */
export function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/[äöüß]/g, (c) => TRANSLITERATIONS[c])
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** A date input's value (yyyy-mm-dd, local time) as an ISO instant; '' for an empty value. */
export function dateInputToIso(value: string): string {
  return value ? new Date(`${value}T00:00:00`).toISOString() : '';
}

/** A datetime-local input's value as an ISO instant; '' for an empty value. */
export function localDateTimeToIso(value: string): string {
  return value ? new Date(value).toISOString() : '';
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An ISO instant as a datetime-local input's value, in local time. */
export function isoToLocalDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Today as a date input's value, in local time. */
export function todayInput(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
