export * from './lib/database';
export * from './lib/data-source';
export * from './lib/entities';
export * from './lib/demo-seed';
export * from './lib/tokens';
export * from './lib/db.module';
export * from './lib/participants';
export * from './lib/idempotency';
