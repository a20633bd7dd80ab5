import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { endpoint, readJson, requireUser } from '$lib/server/http/api.ts';
import { createProject, listProjects } from '$lib/server/projects/projects.service.ts';

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

// POST /api/v1/projects {title?, form?, onBehalfOf?} → 201 {id, code}
export const POST = endpoint(async (event) => {
  const user = requireUser(event);
  const body = await readJson(event);
  const created = await createProject(await getDb(), user, {
    title: typeof body.title === 'string' ? body.title : undefined,
    // A bare form (fields at the top level) is accepted as well as {form: {...}}.
    form: body.form ?? Object.fromEntries(Object.entries(body).filter(([k]) => !['title', 'onBehalfOf'].includes(k))),
    onBehalfOf: typeof body.onBehalfOf === 'string' ? body.onBehalfOf : undefined
  });
  return json(created, { status: 201, headers: { location: `/api/v1/projects/${created.id}` } });
});
