import { loadedRequests } from './offline-copy';

describe('what the table keeps for a reload without network', () => {
  const origin = 'https://beteiligung.example.de';
  const key = { 'X-Table-Key': 'secret' };

  it('keeps the page, the app files and the API reads (with the table key), once each', () => {
    const kept = loadedRequests(
      `${origin}/table/abc#seat`,
      [
        `${origin}/main-ABCD1234.js`,
        `${origin}/main-ABCD1234.js`,
        `${origin}/api/v1/table`,
        `${origin}/api/v1/procedures/p/contributions/features`,
        `${origin}/styles-EFGH5678.css`,
      ],
      origin,
      key,
    );
    expect(kept).toEqual([
      { url: `${origin}/table/abc`, headers: {} },
      { url: `${origin}/main-ABCD1234.js`, headers: {} },
      { url: `${origin}/api/v1/table`, headers: key },
      { url: `${origin}/api/v1/procedures/p/contributions/features`, headers: key },
      { url: `${origin}/styles-EFGH5678.css`, headers: {} },
    ]);
  });

  it('leaves out other origins (map tiles of a tile server) and the live event stream', () => {
    const kept = loadedRequests(
      `${origin}/table/abc`,
      ['https://tiles.example.org/1/2/3.png', `${origin}/api/v1/procedures/p/events`, 'data:image/png;base64,AAAA'],
      origin,
      key,
    );
    expect(kept.map((k) => k.url)).toEqual([`${origin}/table/abc`]);
  });
});
