// Integration tests run against a real PostGIS: embedded PGlite in memory by default, or the PostgreSQL
// server at DATABASE_URL (CI). A server database is wiped first, so its name must end in _test.
import pg from 'pg';

export default async function setup() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.env.PGLITE_DIR = 'memory://';
    return;
  }
  const name = new URL(url).pathname.slice(1);
  if (!name.endsWith('_test')) throw new Error(`refusing to wipe database "${name}": test databases must end in _test`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('drop schema if exists public cascade; create schema public;');
  await client.end();
}
