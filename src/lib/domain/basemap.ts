// The basemap an administrator sets (issue 14.3): a raster tile service in Web Mercator, given as an XYZ URL
// template or a WMTS (KVP) endpoint, with an optional key and an optional label overlay (e.g. Tianditu's
// vec_w + cva_w). Pure: validated here, stored by server/map/basemap.service.ts, drawn by MapView.svelte.
// Unset, maps use the offline style (no request leaves the installation).
import { z } from 'zod';

/** An http(s) URL once its {placeholders} are filled. */
const httpUrl = (v: string) => {
  try {
    return /^https?:$/.test(new URL(v.replace(/\{[^}]*\}/g, '0')).protocol);
  } catch {
    return false;
  }
};
const TILE = /\{z\}[\s\S]*\{[xy]\}|\{[xy]\}[\s\S]*\{z\}/;

export const basemapSchema = z.object({
  kind: z.enum(['xyz', 'wmts']),
  /** XYZ: a template with {z} {x} {y} (and {key}, {s}); WMTS: the KVP endpoint, e.g. https://t0.tianditu.gov.cn/vec_w/wmts */
  url: z.string().trim().max(500).refine(httpUrl),
  /** WMTS only: LAYER, TILEMATRIXSET (a Web Mercator set), FORMAT, STYLE. */
  layer: z.string().trim().max(100).default(''),
  matrixSet: z.string().trim().max(100).default(''),
  format: z.string().trim().max(50).default('tiles'),
  /** An optional overlay of names above the map: the same kind of service. */
  labelUrl: z
    .string()
    .trim()
    .max(500)
    .refine((v) => v === '' || httpUrl(v))
    .default(''),
  labelLayer: z.string().trim().max(100).default(''),
  /** The service key; replaces {key} in the URLs (Tianditu: tk={key}). */
  key: z
    .string()
    .trim()
    .max(200)
    .regex(/^[\w.-]*$/)
    .default(''),
  /** Subdomains replacing {s}, e.g. "0,1,2,3" for t{s}.tianditu.gov.cn. */
  subdomains: z
    .string()
    .trim()
    .max(50)
    .regex(/^[\w,]*$/)
    .default(''),
  attribution: z.string().trim().max(200).default(''),
  maxZoom: z.coerce.number().int().min(1).max(22).default(18)
});

export type BasemapSettings = z.infer<typeof basemapSchema>;

/** What the browser needs to draw the basemap: tile URL lists, attribution and the deepest zoom. */
export interface BasemapStyle {
  tiles: string[];
  labelTiles: string[];
  attribution: string;
  maxZoom: number;
}

/** Named starting points for the admin form. Tianditu (天地图) serves CGCS2000 in Web Mercator (_w sets). */
export const BASEMAP_PRESETS: Record<string, { zh: string; en: string; settings: Partial<BasemapSettings> }> = {
  tianditu_vec: {
    zh: '天地图 矢量（需密钥）',
    en: 'Tianditu vector (key needed)',
    settings: {
      kind: 'wmts',
      url: 'https://t{s}.tianditu.gov.cn/vec_w/wmts?tk={key}',
      layer: 'vec',
      matrixSet: 'w',
      format: 'tiles',
      labelUrl: 'https://t{s}.tianditu.gov.cn/cva_w/wmts?tk={key}',
      labelLayer: 'cva',
      subdomains: '0,1,2,3',
      attribution: '© 天地图',
      maxZoom: 18
    }
  },
  tianditu_img: {
    zh: '天地图 影像（需密钥）',
    en: 'Tianditu imagery (key needed)',
    settings: {
      kind: 'wmts',
      url: 'https://t{s}.tianditu.gov.cn/img_w/wmts?tk={key}',
      layer: 'img',
      matrixSet: 'w',
      format: 'tiles',
      labelUrl: 'https://t{s}.tianditu.gov.cn/cia_w/wmts?tk={key}',
      labelLayer: 'cia',
      subdomains: '0,1,2,3',
      attribution: '© 天地图',
      maxZoom: 18
    }
  }
};

export type BasemapProblem = 'no_tile_pattern' | 'key_missing' | 'wmts_layer_missing';

/** What is wrong with settings that parse (the URL does not say where a tile goes, a {key} without a key). */
export function basemapProblems(s: BasemapSettings): BasemapProblem[] {
  const out: BasemapProblem[] = [];
  if (s.kind === 'xyz' && (!TILE.test(s.url) || (s.labelUrl && !TILE.test(s.labelUrl)))) out.push('no_tile_pattern');
  if (s.kind === 'wmts' && (!s.layer || !s.matrixSet || (s.labelUrl && !s.labelLayer))) out.push('wmts_layer_missing');
  if ((s.url.includes('{key}') || s.labelUrl.includes('{key}')) && !s.key) out.push('key_missing');
  return out;
}

function wmtsTemplate(endpoint: string, layer: string, s: BasemapSettings): string {
  const kvp =
    `SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${encodeURIComponent(layer)}&STYLE=default` +
    `&TILEMATRIXSET=${encodeURIComponent(s.matrixSet)}&FORMAT=${encodeURIComponent(s.format)}&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}`;
  return endpoint + (endpoint.includes('?') ? '&' : '?') + kvp;
}

/** One URL per subdomain, with the key put in. */
function expand(template: string, s: BasemapSettings): string[] {
  const withKey = template.replaceAll('{key}', encodeURIComponent(s.key));
  const subs = s.subdomains.split(',').filter(Boolean);
  return withKey.includes('{s}') && subs.length
    ? subs.map((x) => withKey.replaceAll('{s}', x))
    : [withKey.replaceAll('{s}', subs[0] ?? '')];
}

export function basemapStyle(s: BasemapSettings): BasemapStyle {
  const tiles = (url: string, layer: string) =>
    url ? expand(s.kind === 'wmts' ? wmtsTemplate(url, layer, s) : url, s) : [];
  return {
    tiles: tiles(s.url, s.layer),
    labelTiles: tiles(s.labelUrl, s.labelLayer),
    attribution: s.attribution,
    maxZoom: s.maxZoom
  };
}

/** The origins the page must be allowed to load images from (the Content-Security-Policy's img-src). */
export function basemapOrigins(style: BasemapStyle | null): string[] {
  const out = new Set<string>();
  for (const u of [...(style?.tiles ?? []), ...(style?.labelTiles ?? [])]) {
    try {
      out.add(new URL(u.replace(/\{[^}]*\}/g, '0')).origin);
    } catch {
      /* a URL that does not parse loads nothing */
    }
  }
  return [...out];
}
