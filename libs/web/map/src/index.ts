export * from './lib/procedure-map';
export * from './lib/layer-factory';
export * from './lib/projections';
export * from './lib/styles';
