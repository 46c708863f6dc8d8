import { basename } from 'node:path';
import * as compressionModule from 'compression';
import type { CompressionOptions } from 'compression';
import type { Request, RequestHandler, Response } from 'express';

type Compression = ((options?: CompressionOptions) => RequestHandler) & { filter(request: Request, response: Response): boolean };
// A CommonJS function: the namespace itself where esModuleInterop is off (unit tests), its default where it is on (the build).
const compressionExports = compressionModule as unknown as Compression & { default?: Compression };
const compression: Compression = compressionExports.default ?? compressionExports;

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
