import { PREPARED_NAME, type Db, type Queryable, type QueryResult } from './types.ts';

/** A parameter as an SQL literal of unknown type (coerced to the prepared parameter's type, as a bound value is). */
const literal = (v: string | number | boolean | null) => (v === null ? 'NULL' : `'${String(v).replaceAll("'", "''")}'`);

// PGlite runs one query at a time; PostGIS takes ~10-20 s to load, so a process opens it once (see index.ts).
export async function openPglite(dataDir: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const db = await PGlite.create({ dataDir, extensions: { postgis } });
  const wrap = <T>(r: { rows: unknown[]; affectedRows?: number }): QueryResult<T> => ({
    rows: r.rows as T[],
    rowCount: r.affectedRows ?? r.rows.length
  });
  // PGlite's query() parses and plans its statement on every call (its protocol has no statement cache), which
  // costs more than a small PostGIS overlay itself; a session-level PREPARE + EXECUTE skips both. Prepared
  // statements outlive transactions (also rolled-back ones), so the set of names is per database.
  const preparedNames = new Set<string>();
  const prepared = async <T>(
    q: Pick<Queryable, 'query' | 'exec'>,
    name: string,
    sql: string,
    params: (string | number | boolean | null)[]
  ): Promise<QueryResult<T>> => {
    if (!PREPARED_NAME.test(name)) throw new Error(`bad prepared statement name: ${name}`);
    if (!preparedNames.has(name)) {
      await q.exec(`prepare ${name} as ${sql}`);
      preparedNames.add(name);
    }
    return q.query<T>(`execute ${name}(${params.map(literal).join(', ')})`);
  };
  const session: Pick<Queryable, 'query' | 'exec'> = {
    query: async <T>(sql: string, params?: unknown[]) => wrap<T>(await db.query(sql, params as unknown[])),
    exec: async (sql: string) => void (await db.exec(sql))
  };
  return {
    kind: 'pglite',
    ...session,
    prepared: (name, sql, params) => prepared(session, name, sql, params),
    transaction: (fn) =>
      db.transaction((tx) => {
        const inTx: Pick<Queryable, 'query' | 'exec'> = {
          query: async <T>(sql: string, params?: unknown[]) => wrap<T>(await tx.query(sql, params as unknown[])),
          exec: async (sql: string) => void (await tx.exec(sql))
        };
        return fn({ ...inTx, prepared: (name, sql, params) => prepared(inTx, name, sql, params) });
      }),
    close: () => db.close()
  };
}
