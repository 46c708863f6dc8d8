import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestHandler } from 'express';
import { REVALIDATE } from './web-assets';

/**
 * A resident page the server announces in its HTML: the components it shows (their selectors) and
 * the API reads it starts with. `path` matches the address; its groups feed `reads`.
 */
export interface PreloadedPage {
  path: RegExp;
  /** selectors of the lazily loaded components the page shows at once */
  components: string[];
  /**
   * the API addresses the page reads first. Only reads whose answer is the same for every visitor:
   * a preloaded read goes without the resident's participant token (and its answer is used for the
   * page's own request), so a contribution or the variants, which carry the resident's own rating,
   * must never be preloaded.
   */
  reads: (match: RegExpExecArray) => string[];
}

const SLUG = '([a-z0-9][a-z0-9-]{0,99})';
const UUID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';

/** The pages residents open from a link: the start page, a procedure, a contribution, the variants. */
export const RESIDENT_PAGES: PreloadedPage[] = [
  { path: /^\/$/, components: ['sd-start-page'], reads: () => ['/api/v1/site', '/api/v1/procedures', '/api/v1/overview'] },
  {
    path: new RegExp(`^/procedures/${SLUG}/?$`),
    components: ['sd-procedure-page', 'sd-planning-information'],
    reads: ([, slug]) => ['/api/v1/site', `/api/v1/procedures/${slug}`],
  },
  {
    path: new RegExp(`^/procedures/${SLUG}/contributions/${UUID}/?$`),
    components: ['sd-contribution-page'],
    reads: ([, slug]) => ['/api/v1/site', `/api/v1/procedures/${slug}`],
  },
  {
    path: new RegExp(`^/procedures/${SLUG}/variants/?$`),
    components: ['sd-variants-page'],
    reads: ([, slug]) => ['/api/v1/site', `/api/v1/procedures/${slug}`],
  },
];

/** The module graph of a web build: what each script imports at once and what it loads later. */
export interface ScriptGraph {
  /** scripts index.html loads (and preloads) itself */
  initial: string[];
  imports: Map<string, string[]>;
  dynamicImports: Map<string, string[]>;
  /** the script that defines each component selector */
  definedIn: Map<string, string>;
}

const STATIC_IMPORT = /(?:^|;)\s*import\s*(?:[\w$*{}\s,]+from\s*)?"\.\/([\w.-]+\.js)"/g;
const DYNAMIC_IMPORT = /\bimport\("\.\/([\w.-]+\.js)"\)/g;
const SELECTOR = /selectors:\[\["([a-z][\w-]*)"\]\]/g;

/** Reads the scripts of a web build (esbuild's ES module output): their imports and their components. */
export function readScriptGraph(webDist: string): ScriptGraph {
  const graph: ScriptGraph = { initial: [], imports: new Map(), dynamicImports: new Map(), definedIn: new Map() };
  const index = join(webDist, 'index.html');
  if (!existsSync(index)) return graph;
  const html = readFileSync(index, 'utf8');
  for (const m of html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([\w.-]+\.js)"/g)) graph.initial.push(m[1]);
  for (const file of readdirSync(webDist)) {
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(join(webDist, file), 'utf8');
    // esbuild puts a module's static imports before its code: read them from the start only.
    const head = code.slice(0, 8192);
    graph.imports.set(file, [...head.matchAll(STATIC_IMPORT)].map((m) => m[1]));
    graph.dynamicImports.set(file, [...new Set([...code.matchAll(DYNAMIC_IMPORT)].map((m) => m[1]))]);
    for (const m of code.matchAll(SELECTOR)) if (!graph.definedIn.has(m[1])) graph.definedIn.set(m[1], file);
  }
  return graph;
}

/** A script with everything it imports at once. */
function withImports(graph: ScriptGraph, file: string, into = new Set<string>()): Set<string> {
  if (into.has(file) || !graph.imports.has(file)) return into;
  into.add(file);
  for (const imported of graph.imports.get(file) ?? []) withImports(graph, imported, into);
  return into;
}

/**
 * The scripts a page needs beyond the initial ones: for each component, the chain of lazily loaded
 * scripts from the initial ones to the one that defines it (the shortest), each with its imports.
 * Unknown selectors add nothing.
 */
export function scriptsFor(graph: ScriptGraph, components: string[]): string[] {
  const initial = new Set<string>();
  for (const file of graph.initial) withImports(graph, file, initial);
  const needed = new Set<string>();
  for (const selector of components) {
    const target = graph.definedIn.get(selector);
    if (!target) continue;
    // Breadth first over lazy loads; a lazy load from any script a chunk imports counts as its own.
    const from = new Map<string, string | null>();
    const queue: string[] = [];
    for (const file of graph.initial) {
      from.set(file, null);
      queue.push(file);
    }
    let found: string | null = initial.has(target) ? target : null;
    while (queue.length && !found) {
      const chunk = queue.shift() as string;
      for (const member of withImports(graph, chunk)) {
        for (const next of graph.dynamicImports.get(member) ?? []) {
          if (from.has(next)) continue;
          from.set(next, chunk);
          if (withImports(graph, next).has(target)) {
            found = next;
            break;
          }
          queue.push(next);
        }
        if (found) break;
      }
    }
    for (let step = found; step; step = from.get(step) ?? null) for (const file of withImports(graph, step)) needed.add(file);
  }
  return [...needed].filter((file) => !initial.has(file)).sort();
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * Serves index.html for the pages in `pages` with their scripts and first API reads announced
 * (`<link rel="modulepreload">`, `<link rel="preload" as="fetch">`): the browser fetches them all
 * at once, while the app starts, instead of one lazily loaded script after the other and the
 * page's data only once its code runs. Other addresses fall through to the static file server.
 */
export function preloadedPages(webDist: string, pages: PreloadedPage[] = RESIDENT_PAGES): RequestHandler {
  const index = join(webDist, 'index.html');
  if (!existsSync(index)) return (_request, _response, next) => next();
  const html = readFileSync(index, 'utf8');
  const graph = readScriptGraph(webDist);
  const scripts = pages.map((page) => scriptsFor(graph, page.components));
  const at = html.indexOf('<base href="/">');
  if (at < 0) return (_request, _response, next) => next();
  const insertAt = at + '<base href="/">'.length;
  return (request, response, next) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (!String(request.headers.accept ?? '').includes('text/html')) return next();
    const i = pages.findIndex((page) => page.path.test(request.path));
    if (i < 0) return next();
    const match = pages[i].path.exec(request.path) as RegExpExecArray;
    const links =
      pages[i].reads(match).map((url) => `<link rel="preload" as="fetch" crossorigin href="${escapeAttribute(url)}">`).join('') +
      scripts[i].map((file) => `<link rel="modulepreload" href="${escapeAttribute(file)}">`).join('');
    const body = html.slice(0, insertAt) + links + html.slice(insertAt);
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Cache-Control', REVALIDATE);
    response.status(200);
    if (request.method === 'HEAD') response.end();
    else response.end(body);
  };
}
