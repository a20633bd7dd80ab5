// What an operator sees when the database is not usable: one line saying what to do, from the same check
// the app and the CLI run at start-up (db/index.ts requirePostgis).
import { describe, expect, it } from 'vitest';
import { requirePostgis } from '../../../src/lib/server/db/index.ts';

const server = (rows: unknown[] | Error) =>
  ({
    query: async () => {
      if (rows instanceof Error) throw rows;
      return { rows, rowCount: rows.length };
    }
  }) as never;

describe('start-up checks', () => {
  it('a PostgreSQL server without PostGIS: one line that names the package to install', async () => {
    const e = await requirePostgis(server([])).catch((x) => x);
    expect(e).toMatchObject({ name: 'UserError', code: 'db_setup' });
    expect(e.message).toBe(
      'PostGIS is not installed on the PostgreSQL server at DATABASE_URL: install it (Debian: apt-get install postgresql-15-postgis-3) and restart.'
    );
    expect(e.message).not.toContain('\n');
  });

  it("an unreachable server: one line with the driver's reason", async () => {
    const e = await requirePostgis(server(new Error('connect ECONNREFUSED 127.0.0.1:1'))).catch((x) => x);
    expect(e).toMatchObject({ name: 'UserError', code: 'db_setup' });
    expect(e.message).toBe('cannot reach the database at DATABASE_URL: connect ECONNREFUSED 127.0.0.1:1');
  });

  it('a server with PostGIS available passes', async () => {
    await expect(requirePostgis(server([{ '?column?': 1 }]))).resolves.toBeUndefined();
  });
});
