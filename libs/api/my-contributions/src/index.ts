export * from './lib/my-contributions.module';
