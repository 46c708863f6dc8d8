import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';

setupZonelessTestEnv({
  errorOnUnknownElements: true,
  errorOnUnknownProperties: true,
});

// The app follows the browser's language on a first visit; the tests run as a German browser.
Object.defineProperty(window.navigator, 'languages', { value: ['de-DE', 'de'], configurable: true });
