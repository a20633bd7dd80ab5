import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { listLayerInfo } from '$lib/server/layers/layers.service.ts';
import { importLayer, layerVersions, recentSwitches, switchLayer } from '$lib/server/layers/layers.admin.ts';
import { failWith } from '$lib/server/http/page-errors.ts';

// Layer administration (administrators only): versions per kind, import a new version with a map preview,
// switch the current version and read what the switch changed for open projects.
function requireAdmin(locals: App.Locals) {
  if (locals.user?.role !== 'admin')
    error(403, locals.lang === 'zh' ? '仅系统管理员可管理图层' : 'Only administrators manage layers');
  return locals.user;
}

export const load: PageServerLoad = async ({ locals, url }) => {
  requireAdmin(locals);
  const db = await getDb();
  const [layers, versions, switches] = await Promise.all([
    listLayerInfo(db),
    layerVersions(db),
    recentSwitches(db, 10)
  ]);
  const preview = Number(url.searchParams.get('preview')) || null;
  const report = Number(url.searchParams.get('switch')) || null;
  return {
    layers,
    versions,
    switches: switches.map((s) => ({ ...s, at: new Date(s.at).toISOString() })),
    preview,
    report
  };
};

export const actions: Actions = {
  import: async ({ request, locals }) => {
    const user = requireAdmin(locals);
    const form = await request.formData();
    const kind = String(form.get('kind') ?? '');
    const files = form.getAll('file').filter((f): f is File => f instanceof File && f.size > 0);
    if (files.length === 0)
      return fail(400, { error: locals.lang === 'zh' ? '请选择图层文件' : 'Choose a layer file', kind });
    let versionId: number;
    try {
      const r = await importLayer(await getDb(), {
        kind,
        importedBy: user!.username,
        actorId: user!.id,
        label: String(form.get('label') ?? ''),
        files: await Promise.all(
          files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))
        ),
        ingest: { crs: String(form.get('crs') ?? '') || undefined }
      });
      versionId = r.version.id;
    } catch (e) {
      return failWith(e, locals.lang, { kind });
    }
    redirect(303, `/admin/layers?preview=${versionId}`);
  },
  use: async ({ request, locals }) => {
    const user = requireAdmin(locals);
    const form = await request.formData();
    let switchId: number;
    try {
      const r = await switchLayer(await getDb(), {
        kind: String(form.get('kind')),
        version: Number(form.get('version')),
        by: user!.username,
        actorId: user!.id
      });
      switchId = r.switchId;
    } catch (e) {
      return failWith(e, locals.lang);
    }
    redirect(303, `/admin/layers?switch=${switchId}`);
  }
};
