export * from './lib/legal.routes';
