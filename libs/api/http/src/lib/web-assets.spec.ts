import { once } from 'node:events';
import { AddressInfo } from 'node:net';
import { request as httpRequest, IncomingMessage, Server } from 'node:http';
import * as expressModule from 'express';
import type { Response } from 'express';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants as zlibConstants } from 'node:zlib';
import { IMMUTABLE, REVALIDATE, compressResponses, precompressedWebAssets, webAssetHeaders } from './web-assets';

function headersFor(path: string): string | undefined {
  const headers: Record<string, string> = {};
  webAssetHeaders({ setHeader: (name: string, value: string) => (headers[name] = value) } as unknown as Response, path);
  return headers['Cache-Control'];
}

describe('web asset caching', () => {
  it.each([
    ['/srv/web/main-ABCD1234.js', IMMUTABLE],
    ['/srv/web/chunk-QKUO5JZY.js', IMMUTABLE],
    ['/srv/web/styles-5INURTSO.css', IMMUTABLE],
    ['/srv/web/media/marker-2BCDEFGH.svg', IMMUTABLE],
    ['/srv/web/index.html', REVALIDATE],
    ['/srv/web/favicon.ico', REVALIDATE],
    ['/srv/web/main.js', REVALIDATE],
  ])('%s: %s', (path, expected) => expect(headersFor(path)).toBe(expected));
});

describe('response compression', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    const express = ((expressModule as unknown as { default?: typeof expressModule }).default ?? expressModule) as typeof expressModule;
    const app = express();
    app.use(compressResponses());
    app.get('/json', (_: unknown, response: Response) => {
      response.json({ items: Array.from({ length: 500 }, (_, i) => ({ i, text: 'Mehr Bäume am Wasser' })) });
    });
    app.get('/events', (_: unknown, response: Response) => {
      response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      response.write('data: first\n\n');
      // The stream stays open: the first event must reach the client before it ends.
      setTimeout(() => response.end('data: last\n\n'), 1500);
    });
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise((done) => server.close(done)));

  const get = (path: string, encoding: string) =>
    new Promise<IncomingMessage>((resolve, reject) =>
      httpRequest({ port, path, headers: { 'Accept-Encoding': encoding } }, resolve).on('error', reject).end(),
    );

  it.each(['br', 'gzip'])('compresses JSON with %s', async (encoding) => {
    const response = await get('/json', `${encoding}`);
    expect(response.headers['content-encoding']).toBe(encoding);
    response.resume();
  });

  it('leaves an event stream uncompressed and delivers its first event at once', async () => {
    const response = await get('/events', 'br, gzip');
    expect(response.headers['content-encoding']).toBeUndefined();
    const [first] = (await once(response, 'data')) as [Buffer];
    expect(first.toString()).toBe('data: first\n\n');
    // while the stream is still open; a compressor would have held the event back until the end
    expect(response.complete).toBe(false);
    response.destroy();
  });
});

describe('precompressed web assets', () => {
  let server: Server;
  let port: number;
  let dist: string;
  // a real script: a synthetic repetitive one compresses better at low qualities
  const script = readFileSync(require.resolve('compression'), 'utf8');

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'web-assets-'));
    mkdirSync(join(dist, 'media'));
    writeFileSync(join(dist, 'chunk-ABCD1234.js'), script);
    writeFileSync(join(dist, 'media', 'marker-ABCD1234.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(dist, 'main.js'), script);
    const express = ((expressModule as unknown as { default?: typeof expressModule }).default ?? expressModule) as typeof expressModule;
    const app = express();
    app.use(compressResponses());
    app.use(precompressedWebAssets(dist));
    app.use((request: { path: string }, response: Response) => response.type('text/plain').send(`static ${request.path}`));
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((done) => server.close(done));
    rmSync(dist, { recursive: true, force: true });
  });

  const fetchBody = (path: string, encoding: string) =>
    new Promise<{ response: IncomingMessage; body: Buffer }>((resolve, reject) =>
      httpRequest({ port, path, headers: { 'Accept-Encoding': encoding } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ response, body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end(),
    );

  it('serves a hashed script as brotli of the highest quality, smaller than the default quality, year-cached', async () => {
    const { response, body } = await fetchBody('/chunk-ABCD1234.js', 'gzip, deflate, br');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toBe(IMMUTABLE);
    expect(response.headers['vary']).toBe('Accept-Encoding');
    expect(brotliDecompressSync(body).toString()).toBe(script);
    // the on-the-fly compressor's quality
    expect(body.length).toBeLessThan(brotliCompressSync(script, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } }).length);
    expect(Number(response.headers['content-length'])).toBe(body.length);
  });

  it('serves hashed files in sub-directories too', async () => {
    const { response } = await fetchBody('/media/marker-ABCD1234.svg', 'br');
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toBe('image/svg+xml');
  });

  it.each([
    ['a client without brotli', '/chunk-ABCD1234.js', 'gzip'],
    ['a file without a hash', '/main.js', 'br'],
    ['a file that is not there', '/chunk-ZZZZ9999.js', 'br'],
    ['a path outside the build', '/../chunk-ABCD1234.js', 'br'],
  ])('leaves %s to the static server', async (_, path, encoding) => {
    const { response, body } = await fetchBody(path, encoding);
    expect(response.headers['content-encoding'] ?? 'identity').not.toBe('br');
    expect(body.toString()).toMatch(/^static /);
  });
});
