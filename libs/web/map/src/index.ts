export * from './lib/web-map/web-map';
