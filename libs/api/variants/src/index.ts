export * from './lib/variants.module';
export { UPLOAD_PATHS } from './lib/variants.controller';
