import type { Db, QueryResult } from './types.ts';

// PGlite runs one query at a time; PostGIS takes ~10-20 s to load, so a process opens it once (see index.ts).
export async function openPglite(dataDir: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const db = await PGlite.create({ dataDir, extensions: { postgis } });
  const wrap = <T>(r: { rows: unknown[]; affectedRows?: number }): QueryResult<T> => ({
    rows: r.rows as T[],
    rowCount: r.affectedRows ?? r.rows.length
  });
  return {
    kind: 'pglite',
    query: async (sql, params) => wrap(await db.query(sql, params as unknown[])),
    async exec(sql) {
      await db.exec(sql);
    },
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          query: async (sql, params) => wrap(await tx.query(sql, params as unknown[])),
          exec: async (sql) => void (await tx.exec(sql))
        })
      ),
    close: () => db.close()
  };
}
