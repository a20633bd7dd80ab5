import { describe, expect, it } from 'vitest';
import { sqlFile } from '../../../src/lib/server/db/sql-file.ts';
import overlaySql from '../../../src/lib/server/classification/overlay.sql?raw';
import { AREA_SRID } from '../../../src/lib/geo/area.ts';

describe('queries kept in .sql files', () => {
  it('binds the named constant and leaves casts and parameters alone', () => {
    expect(sqlFile('select ST_Transform(g, :AREA_SRID), $1::int, x::TEXT', { AREA_SRID: 4549 })).toBe(
      'select ST_Transform(g, 4549), $1::int, x::TEXT'
    );
  });

  it('refuses a constant it was not given, rather than sending `:NAME` to the database', () => {
    expect(() => sqlFile('select :AREA_SRID')).toThrow(/:AREA_SRID/);
  });

  it('the overlay measures areas in the app’s area plane', () => {
    const sql = sqlFile(overlaySql, { AREA_SRID });
    expect(sql).toContain(`ST_Transform(zp.geom, ${AREA_SRID})`);
    expect(sql).not.toMatch(/(?<!:):[A-Z]/);
  });
});
