export * from './lib/notifications.module';
export { ONE_CLICK_PATH } from './lib/notifications.service';
