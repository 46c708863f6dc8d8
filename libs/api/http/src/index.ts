export * from './lib/problem';
export * from './lib/json-body';
