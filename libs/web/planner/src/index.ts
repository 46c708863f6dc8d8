export * from './lib/web-planner/web-planner';
