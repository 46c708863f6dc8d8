import { once } from 'node:events';
import { AddressInfo } from 'node:net';
import { request as httpRequest, IncomingMessage, Server } from 'node:http';
import * as expressModule from 'express';
import type { Response } from 'express';
import { IMMUTABLE, REVALIDATE, compressResponses, webAssetHeaders } from './web-assets';

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
