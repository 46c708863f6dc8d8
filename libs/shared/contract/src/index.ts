export * from './lib/geojson';
export * from './lib/procedure';
export * from './lib/contribution';
export * from './lib/contribution-map';
export * from './lib/health';
export * from './lib/phase-state';
export * from './lib/limits';
export * from './lib/planner';
