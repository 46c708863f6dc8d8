export * from './lib/procedure-map';
export * from './lib/procedures-map';
export * from './lib/map-controls';
export * from './lib/location-picker';
export * from './lib/layer-switcher';
export * from './lib/layer-factory';
export * from './lib/projections';
export * from './lib/styles';
