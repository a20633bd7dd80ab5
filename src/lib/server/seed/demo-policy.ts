// Demo doors only in a demo installation (issue 11.8). The demo users (all with the printed password) are
// created only when demos are allowed: never with NODE_ENV=production or ZEROLAND_DEMO=0. The default
// embedded first start stays a demo (and the login page says so).
import type { Db } from '../db/index.ts';
import { countEnabledDemoUsers, disableDemoUsers } from '../users/users.repository.ts';
import { deleteDemoSessions } from '../auth/sessions.repository.ts';
import { insertOfficeEvent } from '../audit/events.repository.ts';

type Env = Record<string, string | undefined>;

/** Whether this process may create or keep demo accounts. */
export function demoAllowed(env: Env = process.env): boolean {
  return env.ZEROLAND_DEMO !== '0' && env.NODE_ENV !== 'production';
}

/** Whether start-up adds the sample installation (demo users and sample layers). */
export function shouldSeedAtStart(env: Env, engine: 'pglite' | 'postgres', userCount: number): boolean {
  if (!demoAllowed(env) || env.ZEROLAND_NO_SEED === '1') return false;
  return env.ZEROLAND_SEED === '1' || env.ZEROLAND_DEMO === '1' || (engine === 'pglite' && userCount === 0);
}

/** In a non-demo process, demo accounts left in the database are disabled (with an event); returns how many. */
export async function closeDemoDoors(db: Db, env: Env = process.env): Promise<number> {
  if (demoAllowed(env)) return 0;
  return db.transaction(async (tx) => {
    const rows = await disableDemoUsers(tx);
    if (rows.length)
      await insertOfficeEvent(tx, {
        actorId: null,
        role: 'system',
        action: 'demo_accounts_disabled',
        comment: '非演示安装：演示账号已停用 / not a demo installation: demo accounts disabled',
        payload: { usernames: rows.map((r) => r.username) }
      });
    await deleteDemoSessions(tx);
    return rows.length;
  });
}

/** Whether the login page should say "this is a demo" and print the demo password. */
export async function isDemoInstall(db: Db, env: Env = process.env): Promise<boolean> {
  if (!demoAllowed(env)) return false;
  return (await countEnabledDemoUsers(db)) > 0;
}
