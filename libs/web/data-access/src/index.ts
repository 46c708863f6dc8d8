export * from './lib/i18n/messages';
export * from './lib/i18n/translator';
export * from './lib/i18n/translate.pipe';
export * from './lib/i18n/localized-date.pipe';
export * from './lib/procedures/load-status';
export * from './lib/procedures/procedure-api';
export * from './lib/procedures/procedure-list.store';
export * from './lib/procedures/procedure.store';
