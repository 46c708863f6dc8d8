export * from './lib/access.module';
export * from './lib/audit-log';
export * from './lib/content-security-policy';
export * from './lib/cookies';
export * from './lib/planner.guard';
export * from './lib/sessions';
export * from './lib/planner-write';
