export * from './lib/web-participation/web-participation';
