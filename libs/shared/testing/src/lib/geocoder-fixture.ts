import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** Places of the fixture in and around the demo procedure in Hamburg-Altona, as Nominatim's jsonv2 answers them. */
export const FIXTURE_PLACES = [
  { display_name: 'Harkortstraße, Altona-Nord, Hamburg', lat: '53.5597', lon: '9.9335', boundingbox: ['53.5570', '53.5625', '9.9300', '9.9370'] },
  { display_name: 'Harkortstieg, Altona-Nord, Hamburg', lat: '53.5583', lon: '9.9312', boundingbox: ['53.5580', '53.5586', '9.9305', '9.9320'] },
  { display_name: 'Harkortstraße, Bochum', lat: '51.4818', lon: '7.2162', boundingbox: ['51.48', '51.49', '7.21', '7.22'] },
];

/**
 * A local geocoder speaking Nominatim's `/search?format=jsonv2` (no network here): answers places whose
 * name contains the query, records each request, and fails on demand.
 */
export class NominatimFixture {
  readonly requests: URL[] = [];
  readonly userAgents: string[] = [];
  failing = false;
  private server: Server | null = null;
  port = 0;

  static async start(port = 0, places = FIXTURE_PLACES): Promise<NominatimFixture> {
    const fixture = new NominatimFixture();
    fixture.server = createServer((request: IncomingMessage, response) => {
      const url = new URL(request.url ?? '/', 'http://fixture');
      fixture.requests.push(url);
      fixture.userAgents.push(String(request.headers['user-agent'] ?? ''));
      if (fixture.failing) {
        response.writeHead(500, { 'content-type': 'text/plain' }).end('overloaded');
        return;
      }
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const found = url.pathname === '/search' ? places.filter((p) => p.display_name.toLowerCase().includes(q)) : [];
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(found));
    });
    await new Promise<void>((resolve) => fixture.server?.listen(port, '127.0.0.1', () => resolve()));
    fixture.port = (fixture.server?.address() as AddressInfo).port;
    return fixture;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/search`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
