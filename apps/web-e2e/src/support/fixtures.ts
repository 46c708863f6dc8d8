import { test as base } from '@playwright/test';

/** A plain 1×1 PNG in a light land colour, stretched by the map into a whole tile. */
const FIXTURE_TILE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGN48eQOAAVgAqnWTRlUAAAAAElFTkSuQmCC',
  'base64',
);

export const DEMO_SLUG = 'gruene-mitte-altona';

/**
 * Every test runs without the internet: images from other origins (the demo's OpenStreetMap tiles)
 * get a local fixture tile, any other outside request fails at once instead of timing out.
 */
export const test = base.extend<{ noInternet: void }>({
  noInternet: [
    async ({ context, baseURL }, use) => {
      const appOrigin = new URL(baseURL ?? 'http://127.0.0.1').origin;
      await context.route(
        (url) => url.origin !== appOrigin,
        (route) =>
          route.request().resourceType() === 'image'
            ? route.fulfill({ status: 200, contentType: 'image/png', body: FIXTURE_TILE })
            : route.abort('internetdisconnected'),
      );
      await use();
    },
    { auto: true },
  ],
});

export { expect } from '@playwright/test';
