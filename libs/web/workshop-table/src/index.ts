export * from './lib/workshop-table.routes';
