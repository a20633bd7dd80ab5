import { describe, expect, it } from 'vitest';
import { getDb } from '../../../src/lib/server/db/index.ts';
import {
  createProject,
  getProject,
  listProjects,
  saveDraft
} from '../../../src/lib/server/projects/projects.service.ts';
import { makeUser } from '../../helpers/fixtures.ts';
import type { SessionUser } from '../../../src/lib/server/auth/session.ts';

const sessionUser = (u: {
  id: string;
  username: string;
  role: SessionUser['role'];
  authorityCode: string | null;
  department: string | null;
}): SessionUser => ({
  id: u.id,
  username: u.username,
  displayName: u.username,
  role: u.role,
  authorityCode: u.authorityCode,
  department: u.department,
  enterpriseName: null
});

describe('projects smoke', () => {
  it('creates, saves and reads a draft', async () => {
    const db = await getDb();
    const ent = sessionUser(await makeUser(db, 'enterprise'));
    const { id, code } = await createProject(db, ent, {
      form: { enterpriseName: '测试企业', authorityCode: 'pudong' }
    });
    expect(code).toMatch(/^ZL-\d{4}-\d{4}$/);
    const v = await saveDraft(
      db,
      ent,
      id,
      { enterpriseName: '测试企业', authorityCode: 'pudong', landArea: '1,200' },
      0
    );
    expect(v.version).toBe(1);
    const p = await getProject(db, ent, id);
    expect(p.form.landArea).toBe(1200);
    expect(p.events.map((e) => e.action)).toEqual(['create', 'save_draft']);
    expect((await listProjects(db, ent, {})).map((x) => x.id)).toContain(id);
  });
});
