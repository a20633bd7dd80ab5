// One project row without its workflow state (written outside the services) must not break the project
// list or the inbox for everybody who can see it: the list names the project and says what is wrong.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Db } from '../../../src/lib/server/db/index.ts';
import { listProjects } from '../../../src/lib/server/projects/projects.service.ts';
import { inbox } from '../../../src/lib/server/workflow/workflow.service.ts';
import { makeUser, uniqueName } from '../../helpers/fixtures.ts';
import { createProjectAt } from '../../helpers/projects.ts';
import type { SessionUser } from '../../../src/lib/server/auth/session.ts';
import type { Role } from '../../../src/lib/domain/roles.ts';

async function session(db: Db, role: Role, authorityCode: string | null = null): Promise<SessionUser> {
  const u = await makeUser(db, role, authorityCode);
  return {
    id: u.id,
    username: u.username,
    displayName: u.username,
    role,
    authorityCode,
    department: null,
    enterpriseName: null
  };
}

describe('a project row without workflow data', () => {
  let db: Db;
  let broken: { id: string; code: string };
  let healthy: { id: string; code: string };
  beforeAll(async () => {
    db = await getDb();
    const owner = await session(db, 'enterprise');
    healthy = await createProjectAt(db, owner, { authority: 'chongming', stage: 'submitted' });
    // Deliberately incomplete: the bare insert older fixtures (and a hand-written SQL repair) would make.
    const code = uniqueName('ZL-BROKEN');
    const { rows } = await db.query<{ id: string }>(
      `insert into projects (code, title, owner_id, authority_code, stage) values ($1, '残缺项目', $2, 'chongming', 'submitted') returning id`,
      [code, owner.id]
    );
    broken = { id: rows[0].id, code };
  });
  // The broken row has no events (events are append-only), so it can go; the healthy one stays like any fixture.
  afterAll(() => db.query('delete from projects where id = $1', [broken.id]));

  for (const [role, authority] of [
    ['city_sheitc', null],
    ['admin', null],
    ['district_industry', 'chongming']
  ] as const) {
    it(`${role}: the list still loads, names the incomplete project and shows the others`, async () => {
      const list = await listProjects(db, await session(db, role, authority), { authority: 'chongming' });
      const row = list.find((p) => p.id === broken.id);
      expect(row?.problem?.zh).toContain(broken.code);
      expect(row?.problem?.zh).toContain('流程数据不完整');
      expect(row?.problem?.en).toContain(`Project ${broken.code} has incomplete workflow data`);
      expect(row?.clock).toBeNull();
      expect(row?.stage).toBe('submitted');
      const ok = list.find((p) => p.id === healthy.id);
      expect(ok).toBeDefined();
      expect(ok?.problem).toBeUndefined();
    });

    it(`${role}: the inbox still loads`, async () => {
      const items = await inbox(db, await session(db, role, authority));
      expect(items.some((i) => i.project.id === broken.id)).toBe(false);
    });
  }

  it('the district industry department still sees the healthy submitted project waiting on it', async () => {
    const items = await inbox(db, await session(db, 'district_industry', 'chongming'));
    expect(items.map((i) => i.project.id)).toContain(healthy.id);
  });
});
