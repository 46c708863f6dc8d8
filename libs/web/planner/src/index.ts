export * from './lib/planner.routes';
