export * from './lib/procedures.module';
export * from './lib/procedures.service';
