export * from './lib/my-contributions.routes';
