// One database interface, two engines: PostgreSQL (pg) in production, PGlite + PostGIS (WASM) embedded.
// The same SQL runs on both; nothing above this folder knows which one it talks to.
import { operatorError } from '../../errors.ts';

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (migrations, seeds). */
  exec(sql: string): Promise<void>;
  /**
   * The same statement run again and again (classification: one per parcel), parsed and planned once per
   * session under `name` ([a-z_][a-z0-9_]*, one SQL text per name). Optional: see runPrepared.
   */
  prepared?<T = Record<string, unknown>>(
    name: string,
    sql: string,
    params: (string | number | boolean | null)[]
  ): Promise<QueryResult<T>>;
}

/** `q.prepared` when the engine has it, else a plain query (same rows either way). */
export function runPrepared<T = Record<string, unknown>>(
  q: Queryable,
  name: string,
  sql: string,
  params: (string | number | boolean | null)[]
): Promise<QueryResult<T>> {
  return q.prepared ? q.prepared<T>(name, sql, params) : q.query<T>(sql, params);
}

export const PREPARED_NAME = /^[a-z_][a-z0-9_]*$/;

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction: commit when it resolves, roll back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A startup problem the operator must fix (e.g. PostGIS missing): one line, no stack trace (a UserError). */
export const dbSetupError = (message: string) => operatorError('db_setup', message, 503);
