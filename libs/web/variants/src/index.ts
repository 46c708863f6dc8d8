export * from './lib/variants.routes';
