import { afterAll, describe, expect, it } from 'vitest';
import { getDb } from '../../src/lib/server/db/index.ts';
import { migrate } from '../../src/lib/server/db/migrate.ts';

describe('database', () => {
  afterAll(async () => {});

  it('applies migrations once and again without error, recording each', async () => {
    const db = await getDb(); // opening migrates
    const again = await migrate(db);
    expect(again).toEqual([]);
    const { rows } = await db.query<{ name: string }>('select name from schema_migrations order by name');
    expect(rows.map((r) => r.name)).toContain('001_foundation.sql');
  });

  it('has PostGIS: a 100 m × 100 m square in CGCS2000 measures 10,000 m² in EPSG:4549 (within 0.1%)', async () => {
    const db = await getDb();
    // Build the square in EPSG:4549 around a point in 松江, take it to 4490 and back.
    const { rows } = await db.query<{ area: number }>(`
      with sq as (select ST_Transform(ST_MakeEnvelope(x, y, x + 100, y + 100, 4549), 4490) g
                    from (select ST_X(p) x, ST_Y(p) y from (select ST_Transform(ST_SetSRID(ST_Point(121.23, 31.03), 4490), 4549) p) a) b)
      select ST_Area(ST_Transform(g, 4549)) as area from sq`);
    expect(rows[0].area).toBeGreaterThan(9990);
    expect(rows[0].area).toBeLessThan(10010);
  });

  it('keeps the event log append-only', async () => {
    const db = await getDb();
    await db.query(`insert into events (action, comment) values ('test', 'kept')`);
    await expect(db.query(`update events set comment = 'changed' where action = 'test'`)).rejects.toThrow(
      /append-only/
    );
    await expect(db.query(`delete from events where action = 'test'`)).rejects.toThrow(/append-only/);
  });

  it('rolls a failed transaction back completely', async () => {
    const db = await getDb();
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`insert into events (action, comment) values ('rollback-probe', 'x')`);
        throw new Error('boom');
      })
    ).rejects.toThrow('boom');
    const { rows } = await db.query(`select 1 from events where action = 'rollback-probe'`);
    expect(rows).toHaveLength(0);
  });
});
