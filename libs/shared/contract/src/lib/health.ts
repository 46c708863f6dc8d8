export type DatabaseEngine = 'embedded' | 'server';

export interface Health {
  status: 'ok';
  engine: DatabaseEngine;
  postgres: string;
  postgis: string;
  migrations: { applied: number; pending: number; last: string | null };
}

/** RFC 9457 problem details, with the field list for validation errors. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { field: string; message: string }[];
}
