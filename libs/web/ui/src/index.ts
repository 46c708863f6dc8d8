export * from './lib/area-outline';
export * from './lib/category-icons';
export * from './lib/category-symbol';
export * from './lib/modal-dialog';
export * from './lib/media-query';
