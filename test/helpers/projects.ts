// Projects for integration tests are created through the service (createProject: the row, its workflow
// state and the 'create' event), then moved to the stage a test needs with one consistent UPDATE of the
// stage column and the workflow state. No bare project inserts: a row without its workflow data is a
// product defect (see incompleteWorkflow), not a fixture.
import type { Db } from '../../src/lib/server/db/index.ts';
import type { SessionUser } from '../../src/lib/server/auth/session.ts';
import { createProject } from '../../src/lib/server/projects/projects.service.ts';

export interface ServiceProjectOptions {
  authority: string;
  stage?: string;
  title?: string;
  form?: Record<string, unknown>;
  landType?: string | null;
}

export async function createProjectAt(
  db: Db,
  owner: SessionUser,
  o: ServiceProjectOptions
): Promise<{ id: string; code: string }> {
  const { id, code } = await createProject(db, owner, { title: o.title, form: { authorityCode: o.authority } });
  await db.query(
    `update projects set stage = $2, authority_code = $3, form = $4, land_type = $5, title = coalesce($6, title),
            workflow = jsonb_set(workflow, '{stage}', to_jsonb($2::text))
      where id = $1`,
    [
      id,
      o.stage ?? 'draft',
      o.authority,
      JSON.stringify(o.form ?? { authorityCode: o.authority }),
      o.landType ?? null,
      o.title ?? null
    ]
  );
  return { id, code };
}
