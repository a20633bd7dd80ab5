// Several service calls as ONE transaction: each service opens its own `db.transaction`, so they are
// handed a Db whose transaction() joins the outer one. Used where an act and its uploaded document must
// commit together or not at all (issue 11.6: a refused action must not leave its document attached).
import type { Db, Queryable } from './types.ts';

export function joined(outer: Db, tx: Queryable): Db {
  return {
    kind: outer.kind,
    query: (sql, params) => tx.query(sql, params),
    exec: (sql) => tx.exec(sql),
    ...(tx.prepared ? { prepared: tx.prepared.bind(tx) } : {}),
    transaction: (fn) => fn(tx),
    close: async () => {}
  };
}

/** Runs fn with a Db bound to one transaction of `db`: everything fn does commits or rolls back together. */
export const inTransaction = <T>(db: Db, fn: (db: Db) => Promise<T>): Promise<T> =>
  db.transaction((tx) => fn(joined(db, tx)));
