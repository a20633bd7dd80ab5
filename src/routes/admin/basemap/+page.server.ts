import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { failWith } from '$lib/server/http/page-errors.ts';
import {
  basemapHistory,
  canConfigureBasemap,
  loadBasemapSettings,
  saveBasemapSettings
} from '$lib/server/map/basemap.service.ts';
import { listLayerInfo } from '$lib/server/layers/layers.service.ts';

// The basemap under every map (issue 14.3): administrator only; every change is an event.
export const load: PageServerLoad = async ({ locals }) => {
  if (!locals.user || !canConfigureBasemap(locals.user.role))
    error(403, locals.lang === 'zh' ? '仅系统管理员可设置底图' : 'Only administrators set the basemap');
  const db = await getDb();
  return {
    settings: await loadBasemapSettings(db),
    history: await basemapHistory(db),
    layers: await listLayerInfo(db)
  };
};

const FIELDS = [
  'kind',
  'url',
  'layer',
  'matrixSet',
  'format',
  'labelUrl',
  'labelLayer',
  'key',
  'subdomains',
  'attribution',
  'maxZoom'
] as const;

export const actions: Actions = {
  save: async ({ locals, request }) => {
    if (!locals.user) error(401);
    const f = await request.formData();
    const input = Object.fromEntries(FIELDS.map((k) => [k, String(f.get(k) ?? '')]));
    try {
      await saveBasemapSettings(await getDb(), locals.user, input);
      return { saved: true };
    } catch (e) {
      return failWith(e, locals.lang, { input });
    }
  },
  clear: async ({ locals }) => {
    if (!locals.user) error(401);
    try {
      await saveBasemapSettings(await getDb(), locals.user, null);
      return { cleared: true };
    } catch (e) {
      return failWith(e, locals.lang);
    }
  }
};
