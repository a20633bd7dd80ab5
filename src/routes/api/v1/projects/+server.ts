import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { apiError, endpoint, readJson, requireUser } from '$lib/server/http/api.ts';
import { listProjects } from '$lib/server/projects/projects.service.ts';
import { startApplication } from '$lib/server/projects/application-start.service.ts';

// GET /api/v1/projects?authority&stage&landType&overdue&q — only what the caller may see.
export const GET = endpoint(async (event) => {
  const user = requireUser(event);
  const p = event.url.searchParams;
  const projects = await listProjects(await getDb(), user, {
    authority: p.get('authority') ?? p.get('district') ?? undefined,
    stage: p.get('stage') ?? undefined,
    landType: p.get('landType') ?? undefined,
    overdue: ['1', 'true', 'yes'].includes(p.get('overdue') ?? ''),
    q: p.get('q') ?? undefined
  });
  return json({ projects });
});

// POST /api/v1/projects {title, upload, crs?, layer?, encoding?, featureIndex?, onBehalfOf?} → 201 {id, code}
// The boundary comes first (issue 14.2): POST /api/v1/boundaries/inspect returns upload.id; the draft is
// created only when that parcel passes the check (not inside an industrial block, in the officer's district),
// with its parcel and classification, in one transaction. POST /api/v1/boundaries/check previews the check.
export const POST = endpoint(async (event) => {
  const user = requireUser(event);
  const body = await readJson(event);
  if (typeof body.upload !== 'string' || !body.upload) {
    throw apiError(400, 'boundary_required', {
      zh: '请先上传并检查地块边界文件（POST /api/v1/boundaries/inspect），再以返回的 upload 编号创建申报。',
      en: 'Upload and check the parcel boundary first (POST /api/v1/boundaries/inspect), then create the application with the returned upload id.'
    });
  }
  const created = await startApplication(await getDb(), user, {
    title: body.title,
    upload: body.upload,
    crs: typeof body.crs === 'string' ? body.crs : undefined,
    layer: typeof body.layer === 'string' ? body.layer : undefined,
    encoding: typeof body.encoding === 'string' ? body.encoding : undefined,
    featureIndex: featureIndexOf(body.featureIndex),
    onBehalfOf: typeof body.onBehalfOf === 'string' ? body.onBehalfOf : undefined
  });
  return json(created, { status: 201, headers: { location: `/api/v1/projects/${created.id}` } });
});

const featureIndexOf = (v: unknown): number | number[] | undefined =>
  typeof v === 'number' ? v : Array.isArray(v) && v.every((x) => typeof x === 'number') ? (v as number[]) : undefined;
