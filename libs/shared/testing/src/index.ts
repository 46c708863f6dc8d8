export * from './lib/smtp-sink';
export * from './lib/geocoder-fixture';
