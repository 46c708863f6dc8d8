import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Request, Response } from 'express';
import { preloadedPages, readScriptGraph, RESIDENT_PAGES, scriptsFor } from './page-preloads';

/** A build as esbuild writes it: main loads the routes lazily, the routes load the page lazily, each with its own imports. */
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'preloads-'));
  const files: Record<string, string> = {
    'index.html': '<html><head><base href="/"></head><body><link rel="modulepreload" href="chunk-CORE.js"><script src="main-MAIN.js" type="module"></script></body></html>',
    'main-MAIN.js': 'import{a}from"./chunk-CORE.js";var r=[{loadChildren:()=>import("./chunk-ROUTES.js")},{loadChildren:()=>import("./chunk-PLANNER.js")}];',
    'chunk-CORE.js': 'var a=1;export{a};',
    'chunk-ROUTES.js': 'import{a}from"./chunk-CORE.js";import"./chunk-SHARED.js";var s=class{static \u0275cmp={selectors:[["sd-start"]]}};var p=()=>import("./chunk-PAGE.js");',
    'chunk-SHARED.js': 'var b=2;export{b};',
    'chunk-PAGE.js': 'import{b}from"./chunk-SHARED.js";import{m}from"./chunk-MAP.js";var c=class{static \u0275cmp={selectors:[["sd-page"]]}};',
    'chunk-MAP.js': 'var m=3;export{m};',
    'chunk-PLANNER.js': 'var q=class{static \u0275cmp={selectors:[["sd-planner"]]}};',
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('page preloads', () => {
  let dir: string;
  beforeEach(() => (dir = fakeBuild()));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the chain of lazily loaded scripts to a component, each with its imports, and nothing the page does not load', () => {
    const graph = readScriptGraph(dir);
    expect(scriptsFor(graph, ['sd-page'])).toEqual(['chunk-MAP.js', 'chunk-PAGE.js', 'chunk-ROUTES.js', 'chunk-SHARED.js']);
    expect(scriptsFor(graph, ['sd-start'])).toEqual(['chunk-ROUTES.js', 'chunk-SHARED.js']);
    expect(scriptsFor(graph, ['sd-unknown'])).toEqual([]);
  });

  function serve(path: string, accept = 'text/html'): { body: string | null; headers: Record<string, string>; next: boolean } {
    const result = { body: null as string | null, headers: {} as Record<string, string>, next: false };
    const response = {
      setHeader: (name: string, value: string) => (result.headers[name] = value),
      status: () => response,
      end: (body?: string) => (result.body = body ?? ''),
    } as unknown as Response;
    const pages = [{ ...RESIDENT_PAGES[1], components: ['sd-page'] }];
    preloadedPages(dir, pages)({ method: 'GET', path, headers: { accept } } as unknown as Request, response, () => (result.next = true));
    return result;
  }

  it('announces the scripts and first reads of a procedure page in its HTML, revalidated on each use', () => {
    const { body, headers } = serve('/procedures/gruene-mitte');
    expect(body).toContain('<base href="/"><link rel="preload" as="fetch" crossorigin href="/api/v1/site">');
    expect(body).toContain('<link rel="preload" as="fetch" crossorigin href="/api/v1/procedures/gruene-mitte">');
    for (const file of ['chunk-ROUTES.js', 'chunk-SHARED.js', 'chunk-PAGE.js', 'chunk-MAP.js']) {
      expect(body).toContain(`<link rel="modulepreload" href="${file}">`);
    }
    expect(body).not.toContain('chunk-PLANNER.js');
    expect(headers['Cache-Control']).toBe('no-cache');
    expect(headers['Content-Type']).toBe('text/html; charset=utf-8');
  });

  it('leaves other addresses, other slugs and requests for anything but HTML to the static server', () => {
    expect(serve('/planner').next).toBe(true);
    expect(serve('/procedures/"><script>').next).toBe(true);
    expect(serve('/procedures/gruene-mitte', 'application/json').next).toBe(true);
  });

  it('preloads no read whose answer depends on the visitor (a contribution or the variants carry the own rating)', () => {
    const reads = (path: string) => {
      const page = RESIDENT_PAGES.find((p) => p.path.test(path));
      return page ? page.reads(page.path.exec(path) as RegExpExecArray) : null;
    };
    expect(reads('/procedures/gruene-mitte/contributions/0b6c4bc4-5b0e-4f6e-9a51-1f4f4f1b2a3c')).toEqual([
      '/api/v1/site', '/api/v1/procedures/gruene-mitte',
    ]);
    expect(reads('/procedures/gruene-mitte/variants')).toEqual(['/api/v1/site', '/api/v1/procedures/gruene-mitte']);
  });
});
