export * from './lib/api-config';
