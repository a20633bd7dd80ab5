// Shared by the tile tests and bench/tiles: the slippy-map address of a place, and a database handle that
// counts the statements sent through it (to show that a cached path sends none).
import type { Queryable } from '../../src/lib/server/db/index.ts';

/** Web-mercator tile containing lon/lat at zoom z (the slippy-map formula). */
export function tileOf(lon: number, lat: number, z: number) {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)
  };
}

/** `inner`, counting every statement (query or exec) sent through `db`. */
export function countingDb(inner: Queryable) {
  const c = { queries: 0, db: null as unknown as Queryable };
  c.db = {
    query: (sql: string, params?: unknown[]) => (c.queries++, inner.query(sql, params)),
    exec: (sql: string) => (c.queries++, inner.exec(sql))
  } as Queryable;
  return c;
}
