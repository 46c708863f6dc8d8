export * from './lib/identity.module';
export * from './lib/create-admin';
export { normaliseAddress } from './lib/sign-in-throttle';
