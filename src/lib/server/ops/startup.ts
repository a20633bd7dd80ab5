// Server start-up, before the first request: install the clean stop, open and migrate the database,
// log what happened. A setup problem the operator must fix (no PostGIS, a data directory in use) ends the
// process with one line and exit code 78, which the supervisor (`npm start`) and systemd do not restart.
import { UserError } from '../../errors.ts';
import { getDb, migrationsAppliedAtOpen, type Db } from '../db/index.ts';
import { installShutdown } from './lifecycle.ts';
import { log } from './log.ts';
import { metrics } from './metrics.ts';

export const EXIT_CONFIG = 78;

export async function serverStarting(): Promise<Db> {
  installShutdown({ inFlight: metrics.inFlight });
  const t0 = Date.now();
  let db: Db;
  try {
    db = await getDb();
  } catch (e) {
    if (e instanceof UserError && e.code === 'db_setup') {
      log.error('startup_failed', { msg: (e as Error).message });
      process.exit(EXIT_CONFIG);
    }
    throw e;
  }
  for (const name of migrationsAppliedAtOpen()) {
    log.info('migration_applied', { migration: name });
    metrics.event('migration_applied');
  }
  log.info('database_open', {
    engine: db.kind,
    ms: Date.now() - t0,
    pid: process.pid,
    restarts: Number(process.env.ZEROLAND_RESTARTS ?? 0)
  });
  return db;
}
