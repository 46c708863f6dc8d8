import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants } from 'node:zlib';
import * as compressionModule from 'compression';
import type { CompressionOptions } from 'compression';
import type { Request, RequestHandler, Response } from 'express';

type Compression = ((options?: CompressionOptions) => RequestHandler) & { filter(request: Request, response: Response): boolean };
// A CommonJS function: the namespace itself where esModuleInterop is off (unit tests), its default where it is on (the build).
const compressionExports = compressionModule as unknown as Compression & { default?: Compression };
const compression: Compression = compressionExports.default ?? compressionExports;
const brotli = promisify(brotliCompress);

/** Hashed build outputs (`main-ABCD1234.js`, `chunk-….js`, `styles-….css`, `media/…`): their content never changes. */
const HASHED = /-[A-Z0-9]{8,}\.(js|css|woff2?|ttf|png|jpe?g|svg|webp|avif)$/;

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/**
 * Cache-Control for a file of the web build: a year, immutable, for hashed names; every other file
 * (index.html first of all, whose script names change with each build) is revalidated on each use.
 * Set as `setHeaders` of the static file server; `send` then keeps it.
 */
export function webAssetHeaders(response: Response, path: string): void {
  response.setHeader('Cache-Control', HASHED.test(basename(path)) ? IMMUTABLE : REVALIDATE);
}

function isEventStream(request: Request, response: Response): boolean {
  const type = String(response.getHeader('Content-Type') ?? '');
  return type.startsWith('text/event-stream') || String(request.headers.accept ?? '').includes('text/event-stream');
}

/**
 * Compresses answers (brotli or gzip, as the client accepts) of compressible types above 1 KiB:
 * the web app's scripts and the API's JSON and GeoJSON. Never a live event stream: the compressor
 * would hold its events back until a buffer fills.
 */
export function compressResponses(): RequestHandler {
  return compression({
    threshold: 1024,
    filter: (request: Request, response: Response) => !isEventStream(request, response) && compression.filter(request, response),
  });
}

/** The hashed files worth compressing harder once: scripts, styles and SVG. */
const PRECOMPRESSIBLE = /\.(js|css|svg)$/;
const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', svg: 'image/svg+xml' };

/**
 * Serves the web build's hashed scripts and styles brotli-compressed at the highest quality
 * (11), compressed once per process and kept: about 16 % fewer bytes than the on-the-fly
 * compressor's quality 4, which is too slow to run at 11 per request. Their content never
 * changes, so one compressed copy serves every client that accepts `br`; others fall through to
 * the static server and the on-the-fly compressor. Compression runs in libuv's thread pool (it
 * never blocks the event loop) and starts for all files at once when the middleware is made, so
 * the first visitor rarely waits; a request that comes before its file is ready waits for it.
 */
export function precompressedWebAssets(webDist: string): RequestHandler {
  const files = new Map<string, string>();
  const collect = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) collect(join(dir, entry.name), `${prefix}${entry.name}/`);
      else if (HASHED.test(entry.name) && PRECOMPRESSIBLE.test(entry.name)) files.set(`${prefix}${entry.name}`, join(dir, entry.name));
    }
  };
  if (existsSync(webDist)) collect(webDist, '/');
  const compressed = new Map<string, Promise<Buffer | null>>();
  const compress = (path: string) => {
    let result = compressed.get(path);
    if (!result) {
      result = readFile(path)
        .then(
          (content) =>
            brotli(content, {
              params: {
                [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY,
                [zlibConstants.BROTLI_PARAM_SIZE_HINT]: content.length,
              },
            }) as Promise<Buffer>,
        )
        // Unreadable or not compressible: the static server answers as it would without this.
        .catch(() => null);
      compressed.set(path, result);
    }
    return result;
  };
  for (const path of files.values()) void compress(path);

  return (request, response, next) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    const path = files.get(request.path);
    if (!path || !/\bbr\b/.test(String(request.headers['accept-encoding'] ?? ''))) return next();
    compress(path).then((body) => {
      if (!body) return next();
      response.setHeader('Content-Type', TYPES[extname(path).slice(1)] ?? 'application/octet-stream');
      response.setHeader('Content-Encoding', 'br');
      response.setHeader('Vary', 'Accept-Encoding');
      response.setHeader('Content-Length', String(body.length));
      response.setHeader('Cache-Control', IMMUTABLE);
      response.status(200);
      if (request.method === 'HEAD') response.end();
      else response.end(body);
    }, next);
  };
}
