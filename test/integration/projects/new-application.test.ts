// Issue 14.2 on the service: a draft starts with its parcel; a never-submitted draft is deleted by its owner
// with an event (who, why, which code), and is then gone for everyone.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../../src/lib/server/db/index.ts';
import { UserError } from '../../../src/lib/errors.ts';
import { deleteDraft, startApplication } from '../../../src/lib/server/projects/application-start.service.ts';
import { getProject, listProjects } from '../../../src/lib/server/projects/projects.service.ts';
import { storeUpload } from '../../../src/lib/server/projects/upload-store.ts';
import { getDb, user } from '../workflow/harness.ts';

let db: Db;
beforeAll(async () => {
  db = await getDb();
});

const parcels = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../../seed/sample-layers/sample-parcels.geojson'), 'utf8')
);
const parcelFile = (id: string) => ({
  name: `${id}.geojson`,
  bytes: new TextEncoder().encode(
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {},
          geometry: parcels.features.find((f: { properties: { id: string } }) => f.properties.id === id).geometry
        }
      ]
    })
  )
});
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e) => e as UserError
  );

describe('starting an application', () => {
  it('a named draft with its parcel; the owner deletes it with an event and it is gone', async () => {
    const ent = await user(db, 'enterprise');
    const upload = (await storeUpload([parcelFile('P03')], ent.id)).id;
    const { id, code } = await startApplication(db, ent, { title: '年产 5 万套精密零件改造项目', upload });
    const p = await getProject(db, ent, id);
    // (This database holds the tests' own layers, not the sample ones: the land type is whatever they say;
    // test/api/new-application.test.ts checks types and the industrial-block refusal on the sample layers.)
    expect(p).toMatchObject({ title: '年产 5 万套精密零件改造项目', stage: 'draft' });
    expect(p.parcel).not.toBeNull();
    const other = await user(db, 'enterprise');
    expect((await refusal(deleteDraft(db, other, id)))!.status).toBe(404);
    await deleteDraft(db, ent, id, { reason: '重复创建' });
    expect((await refusal(getProject(db, ent, id)))!.status).toBe(404);
    expect((await listProjects(db, ent)).map((x) => x.id)).not.toContain(id);
    const ev = await db.query<{ action: string; actor_id: string; comment: string; payload: { code: string } }>(
      `select action, actor_id, comment, payload from events where project_id = $1 order by id`,
      [id]
    );
    expect(ev.rows.at(-1)).toMatchObject({
      action: 'delete_draft',
      actor_id: ent.id,
      comment: '重复创建',
      payload: { code }
    });
  });
});
