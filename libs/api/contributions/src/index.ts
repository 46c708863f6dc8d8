export * from './lib/contributions.module';
export * from './lib/contributions.service';
