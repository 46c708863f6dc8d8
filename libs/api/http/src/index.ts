export * from './lib/problem';
export * from './lib/json-body';
export * from './lib/rate-limit';
export * from './lib/openapi';
export * from './lib/openapi-schemas';
export * from './lib/web-assets';
export * from './lib/database-unavailable';
export * from './lib/table-key';
