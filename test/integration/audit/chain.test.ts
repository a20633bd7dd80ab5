// The event log is hash-chained and cannot be truncated (issue 11.11); on PGlite and on PostgreSQL.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { getDb, type Queryable } from '../../../src/lib/server/db/index.ts';
import { verifyEventChain, type AuditReport } from '../../../src/lib/server/audit/verify.ts';
import { makeUser } from '../../helpers/fixtures.ts';

const addEvent = (db: Queryable, actorId: string, comment: string | null = null) =>
  db.query<{ id: string }>(
    `insert into events (actor_id, actor_role, action, comment, payload) values ($1, 'admin', 'audit_test', $2, '{"n": 1}') returning id::text as id`,
    [actorId, comment]
  );

/** Tampering runs inside a transaction that is rolled back, so the shared test database stays intact. */
async function tampered(sql: string[]): Promise<AuditReport> {
  const db = await getDb();
  let report: AuditReport | null = null;
  await db
    .transaction(async (tx) => {
      for (const s of sql) await tx.query(s);
      report = await verifyEventChain(tx);
      throw new Error('rollback');
    })
    .catch((e) => {
      if ((e as Error).message !== 'rollback') throw e;
    });
  return report!;
}

describe('hash-chained event log', () => {
  it('chains every new event to its predecessor and verifies intact', async () => {
    const db = await getDb();
    const u = await makeUser(db, 'admin');
    await addEvent(db, u.id, 'first');
    await addEvent(db, u.id, null);
    const { rows } = await db.query<{ chain_no: number; prev_hash: string; hash: string }>(
      'select chain_no::float8 as chain_no, prev_hash, hash from events order by chain_no desc limit 2'
    );
    expect(rows[0].chain_no).toBe(rows[1].chain_no + 1);
    expect(rows[0].prev_hash).toBe(rows[1].hash);
    expect(rows[0].hash).toMatch(/^[0-9a-f]{64}$/);
    const report = await verifyEventChain(db);
    expect(report).toMatchObject({ ok: true, headHash: rows[0].hash });
    expect(report.rows).toBeGreaterThanOrEqual(2);
  });

  it('refuses TRUNCATE, UPDATE and DELETE of events, and edits of the chain head', async () => {
    const db = await getDb();
    await expect(db.query('truncate events')).rejects.toThrow();
    await expect(db.query('truncate events cascade')).rejects.toThrow(/append-only: TRUNCATE/);
    await expect(db.query(`update events set comment = 'x'`)).rejects.toThrow(/append-only: UPDATE/);
    await expect(db.query('delete from events')).rejects.toThrow(/append-only: DELETE/);
    await expect(db.query('update events_chain_head set last_no = 0')).rejects.toThrow(/not allowed/);
    await expect(db.query('delete from events_chain_head')).rejects.toThrow(/not allowed/);
    expect((await verifyEventChain(db)).ok).toBe(true);
  });

  it('names the first altered row, a deleted row, and removed newest rows', async () => {
    const db = await getDb();
    const u = await makeUser(db, 'admin');
    const a = (await addEvent(db, u.id, 'a')).rows[0].id;
    const b = (await addEvent(db, u.id, 'b')).rows[0].id;
    const c = (await addEvent(db, u.id, 'c')).rows[0].id;
    const off = 'alter table events disable trigger events_no_update';
    const altered = await tampered([
      off,
      `update events set comment = 'rewritten' where id = ${b}`,
      `update events set payload = '{"n": 2}' where id = ${c}`
    ]);
    expect(altered.ok).toBe(false);
    expect(altered.broken).toMatchObject({ problem: 'altered', eventId: b });
    expect(altered.broken!.en).toContain(`event id ${b}`);
    expect(altered.broken!.zh).toContain('被修改过');

    const deleted = await tampered([off, `delete from events where id = ${a}`]);
    expect(deleted.broken).toMatchObject({ problem: 'gap', eventId: b });

    const newest = await tampered([off, `delete from events where id = ${c}`]);
    expect(newest.broken).toMatchObject({ problem: 'head_mismatch' });

    const sneaked = await tampered([
      'alter table events disable trigger events_chain',
      `insert into events (action, payload) values ('forged', '{}')`
    ]);
    expect(sneaked.broken).toMatchObject({ problem: 'not_chained' });
    expect((await verifyEventChain(db)).ok).toBe(true);
  });

  it('keeps one chain when many transactions append at once', async () => {
    const db = await getDb();
    const u = await makeUser(db, 'admin');
    const before = (await verifyEventChain(db)).rows;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        db.transaction(async (tx) => {
          await addEvent(tx, u.id, `p${i}a`);
          await tx.query('select pg_sleep(0.01)');
          await addEvent(tx, u.id, `p${i}b`);
        })
      )
    );
    // A rolled-back append leaves no hole in the chain.
    await db
      .transaction(async (tx) => {
        await addEvent(tx, u.id, 'gone');
        throw new Error('no');
      })
      .catch(() => {});
    const report = await verifyEventChain(db);
    expect(report.ok).toBe(true);
    expect(report.rows).toBe(before + 24);
  });

  it.runIf(process.env.DATABASE_URL)('zeroland audit verify: exit 0 and the count when intact', () => {
    const r = spawnSync(process.execPath, ['bin/zeroland', 'audit', 'verify'], {
      env: { ...process.env, LANG: 'C' },
      encoding: 'utf8',
      timeout: 60_000
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^event log intact: \d+ events, head hash [0-9a-f]{64}\n$/);
  });
});
