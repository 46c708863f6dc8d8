import { Translator } from './translator';

/**
 * The last result of an impure pipe: the pipes run on every check of their view (a language switch
 * must re-render them), so they answer from it while the translator's revision and the arguments
 * are the same (parameter records compared by their entries). Formatting every text and number of
 * a page again on each check was most of a change detection while the map was panned.
 */
export class PipeMemo<Args extends unknown[], Result> {
  private last: { revision: unknown; args: Args; result: Result } | null = null;

  constructor(private readonly translator: Translator) {}

  get(args: Args, compute: () => Result): Result {
    const revision = this.translator.revision();
    const last = this.last;
    if (last && last.revision === revision && last.args.length === args.length && last.args.every((a, i) => sameArgument(a, args[i]))) {
      return last.result;
    }
    const result = compute();
    this.last = { revision, args, result };
    return result;
  }
}

function sameArgument(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) || Array.isArray(b)) return false;
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
