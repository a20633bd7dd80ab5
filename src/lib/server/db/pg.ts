import pg from 'pg';
import type { Db, Queryable, QueryResult } from './types.ts';

// Align pg's text parsing with PGlite's: int8 (count(*)) as number, not string.
pg.types.setTypeParser(20, (v) => Number(v));

export async function openPostgres(url: string): Promise<Db> {
  // JIT off: PostGIS functions carry high planner costs, so PostgreSQL JIT-compiles small per-row queries
  // (the zone subdivision trigger, classification) at ~50 ms each — measured 27 s vs 1 s for 500 zones.
  // application_name: `zeroland db restore` sees a running server's connections and refuses.
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.PG_POOL_MAX ?? 10),
    options: '-c jit=off',
    application_name: 'zeroland'
  });
  pool.on('error', (e) => console.error('postgres pool error:', e.message));
  const run = async <T>(c: pg.Pool | pg.PoolClient, sql: string, params?: unknown[]): Promise<QueryResult<T>> => {
    const r = await c.query(sql, params as unknown[]);
    return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
  };
  // A named statement: node-pg parses it once per connection and then only binds and executes it.
  const prepared = async <T>(
    c: pg.Pool | pg.PoolClient,
    name: string,
    text: string,
    values: unknown[]
  ): Promise<QueryResult<T>> => {
    const r = await c.query({ name, text, values });
    return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
  };
  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    prepared: (name, sql, params) => prepared(pool, name, sql, params),
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: Queryable = {
          query: (sql, params) => run(client, sql, params),
          exec: async (sql) => void (await client.query(sql)),
          prepared: (name, sql, params) => prepared(client, name, sql, params)
        };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end()
  };
}
