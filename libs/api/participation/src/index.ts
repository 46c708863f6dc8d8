export * from './lib/geometry';
export * from './lib/geometry-place';
export * from './lib/participation';
export * from './lib/participation-headers';
export * from './lib/text';
export * from './lib/participant-feedback';
