/** Injection tokens of the database module. */
export const RUNNING_DATABASE = Symbol('RUNNING_DATABASE');
export const APP_CONFIG = Symbol('APP_CONFIG');
