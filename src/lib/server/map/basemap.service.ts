// The basemap (issue 14.3): set by the administrator (stored in map_settings, migration 115), else a style URL
// from BASEMAP_STYLE_URL, else none (the offline style). Read on every page (cached a few seconds); its tile
// origins widen the Content-Security-Policy (ops/security-headers.ts).
import type { Db, Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { apiError } from '../http/api.ts';
import {
  basemapOrigins,
  basemapProblems,
  basemapSchema,
  basemapStyle,
  type BasemapSettings
} from '../../domain/basemap.ts';
import type { PageBasemap } from '../../components/map/basemap-style.ts';
import { setBasemapOrigins } from '../ops/security-headers.ts';
import * as repo from './basemap.repository.ts';

const TTL_MS = 5_000;
let cache: { at: number; settings: BasemapSettings | null } | null = null;

export async function loadBasemapSettings(db: Queryable): Promise<BasemapSettings | null> {
  if (cache && Date.now() - cache.at < TTL_MS) return cache.settings;
  const value = await repo.storedBasemap(db);
  const parsed = value ? basemapSchema.safeParse(value) : null;
  const settings = parsed?.success ? parsed.data : null;
  cache = { at: Date.now(), settings };
  setBasemapOrigins(settings ? basemapOrigins(basemapStyle(settings)) : []);
  return settings;
}

/** What MapView needs: the administrator's raster basemap, or BASEMAP_STYLE_URL, or null (offline). */
export async function pageBasemap(
  db: Queryable,
  env: Record<string, string | undefined> = process.env
): Promise<PageBasemap | null> {
  const s = await loadBasemapSettings(db);
  if (s) return basemapStyle(s);
  return env.BASEMAP_STYLE_URL ? { styleUrl: env.BASEMAP_STYLE_URL } : null;
}

const PROBLEM_TEXT = {
  invalid: {
    zh: '底图设置有误：地址须为 http(s) 网址，最大级别 1–22，密钥只含字母、数字、点、横线和下划线。',
    en: 'Invalid basemap: addresses must be http(s) URLs, the maximum zoom 1–22, the key letters, digits, dots, dashes and underscores.'
  },
  no_tile_pattern: {
    zh: 'XYZ 地址须含 {z}、{x}、{y} 占位符，如 https://tiles.example.gov.cn/{z}/{x}/{y}.png。',
    en: 'An XYZ address needs the {z}, {x} and {y} placeholders, e.g. https://tiles.example.gov.cn/{z}/{x}/{y}.png.'
  },
  wmts_layer_missing: {
    zh: 'WMTS 须填写图层（LAYER）和瓦片矩阵集（TILEMATRIXSET，Web 墨卡托，如天地图的 w）。',
    en: 'WMTS needs the layer (LAYER) and the tile matrix set (TILEMATRIXSET, Web Mercator, e.g. Tianditu’s w).'
  },
  key_missing: {
    zh: '地址中含 {key}，请填写服务密钥（如天地图的 tk）。',
    en: 'The address contains {key}: enter the service key (e.g. Tianditu’s tk).'
  }
} as const;

export const canConfigureBasemap = (role: string) => role === 'admin';

/** Sets (input) or clears (null) the basemap; one event records before and after (the key is not logged). */
export async function saveBasemapSettings(
  db: Db,
  actor: SessionUser,
  input: unknown | null
): Promise<BasemapSettings | null> {
  if (!canConfigureBasemap(actor.role))
    throw apiError(403, 'forbidden', {
      zh: '只有系统管理员可以设置底图。',
      en: 'Only the administrator may set the basemap.'
    });
  let next: BasemapSettings | null = null;
  if (input !== null) {
    const p = basemapSchema.safeParse(input);
    if (!p.success) throw apiError(400, 'bad_basemap', PROBLEM_TEXT.invalid);
    const problem = basemapProblems(p.data)[0];
    if (problem) throw apiError(400, 'bad_basemap', PROBLEM_TEXT[problem]);
    next = p.data;
  }
  const redact = (s: BasemapSettings | null) => (s ? { ...s, key: s.key ? '***' : '' } : null);
  await db.transaction(async (tx) => {
    cache = null;
    const before = await loadBasemapSettings(tx);
    await repo.writeBasemap(tx, next, actor.id);
    await repo.insertBasemapEvent(tx, actor, { before: redact(before), after: redact(next) });
  });
  cache = null;
  await loadBasemapSettings(db);
  return next;
}

/** The latest basemap changes for the admin page (when, who). */
export const basemapHistory = (db: Queryable) => repo.basemapChanges(db, 10);
