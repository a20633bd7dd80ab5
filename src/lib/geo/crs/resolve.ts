// Turning what a user typed or a file declared into a ResolvedCrs: EPSG codes, OGC URNs (GeoJSON crs member),
// proj4 strings, .prj WKT, the land-survey TXT header (坐标系/几度分带/带号), and named local grids.
import proj4 from 'proj4';
import { CRS_REGISTRY, gkCode, type DatumId } from './registry.ts';
import { resolveWkt } from './wkt.ts';
import {
  fromLocalSystem,
  fromObfuscated,
  fromRegistry,
  proj4Accepts,
  type LocalSystem,
  type ResolvedCrs
} from './transform.ts';
import { UserError, userError } from '../../errors.ts';

export interface Resolution {
  crs: ResolvedCrs;
  rule: string;
}

const ALIASES: [RegExp, string][] = [
  [/^(urn:ogc:def:crs:ogc:(1\.3:)?crs84|ogc:crs84|crs84|wgs-?84)$/i, 'EPSG:4326'],
  [/^(cgcs-?2000|china\s*2000|国家2000|2000国家大地坐标系)$/i, 'EPSG:4490'],
  [/^(sh-?2000|上海2000(坐标系)?|shanghai\s*2000)$/i, 'SH2000'],
  [/^(shcity|上海城市坐标系|上海城建坐标系|shanghai\s*city)$/i, 'SHCITY']
];

/** 'EPSG:4490', '4490', 'urn:ogc:def:crs:EPSG::4490', 'http://www.opengis.net/def/crs/EPSG/0/4490' → 'EPSG:4490'. */
export function epsgFromName(name: string): string | undefined {
  const s = name.trim();
  const m =
    /^(?:epsg:{1,2}|urn:ogc:def:crs:epsg:[\d.]*:|https?:\/\/www\.opengis\.net\/def\/crs\/epsg\/[\d.]+\/)?(\d{4,5})$/i.exec(
      s
    );
  return m ? `EPSG:${m[1]}` : undefined;
}

function unknown(what: string): UserError {
  return userError(
    'crs-unknown',
    `无法识别坐标系"${what.slice(0, 80)}"：请使用 EPSG:nnnn（如 EPSG:4528）、proj4 字符串、或 auto`,
    `Unknown coordinate system "${what.slice(0, 80)}": use EPSG:nnnn (e.g. EPSG:4528), a proj4 string, or auto`
  );
}

/** A user's --crs value (not 'auto'); throws UserError when it names nothing we can use. */
export function resolveUserCrs(input: string, localSystems: LocalSystem[] = []): ResolvedCrs {
  const s = input.trim();
  const local = localSystems.find(
    (l) => l.id.toLowerCase() === s.toLowerCase() || l.id.toLowerCase() === s.replace(/^local:/i, '').toLowerCase()
  );
  if (local) return fromLocalSystem(local);
  if (/^(gcj-?0?2|火星坐标?|高德|amap)$/i.test(s)) return fromObfuscated('GCJ-02');
  if (/^(bd-?0?9|百度|baidu)$/i.test(s)) return fromObfuscated('BD-09');
  const byName = resolveName(s, localSystems);
  if (byName) return byName;
  if (/^\s*(PROJCS|GEOGCS|PROJCRS|GEOGCRS)\s*[[(]/i.test(s)) {
    const r = resolveWktText(s);
    if (r) return r;
  }
  if (/\+proj=/.test(s)) {
    if (!proj4Accepts(s)) throw unknown(s);
    return {
      code: 'PROJ4',
      name: { zh: `自定义 proj4：${s}`, en: `custom proj4: ${s}` },
      kind: /\+proj=(longlat|latlong|lonlat)/.test(s) ? 'geographic' : 'projected',
      proj4: s
    };
  }
  throw unknown(s);
}

/** A name: EPSG code or URN, alias, local grid id. Undefined when it is none of these. */
export function resolveName(name: string, localSystems: LocalSystem[] = []): ResolvedCrs | undefined {
  const s = name.trim();
  for (const [re, code] of ALIASES) if (re.test(s)) return fromRegistry(code);
  if (CRS_REGISTRY[s.toUpperCase()]) return fromRegistry(s.toUpperCase());
  const local = localSystems.find((l) => l.id === s);
  if (local) return fromLocalSystem(local);
  const code = epsgFromName(s);
  if (!code) return undefined;
  if (CRS_REGISTRY[code]) return fromRegistry(code);
  // proj4js ships a few definitions of its own (UTM zones, 4269, …).
  const def = proj4.defs(code) as unknown;
  if (def)
    return {
      code,
      name: { zh: code, en: code },
      kind: (def as { projName?: string }).projName === 'longlat' ? 'geographic' : 'projected',
      proj4: code
    };
  throw unknown(s);
}

/** .prj text: our own parameter reading first (ESRI Gauss_Kruger), then proj4js's WKT parser. */
export function resolveWktText(wkt: string): ResolvedCrs | undefined {
  let r: ReturnType<typeof resolveWkt>;
  try {
    r = resolveWkt(wkt);
  } catch {
    r = undefined;
  }
  if (r?.kind === 'registry') return fromRegistry(r.def.code);
  if (r?.kind === 'proj4') return { code: 'WKT', name: { zh: r.name, en: r.name }, kind: 'projected', proj4: r.proj4 };
  if (proj4Accepts(wkt)) {
    const name = /^\s*\w+\s*[[(]\s*"([^"]*)"/.exec(wkt)?.[1] ?? 'WKT';
    return {
      code: 'WKT',
      name: { zh: name, en: name },
      kind: /^\s*GEOG/i.test(wkt) ? 'geographic' : 'projected',
      proj4: wkt
    };
  }
  return undefined;
}

const SURVEY_DATUMS: [RegExp, DatumId][] = [
  [/2000|cgcs/i, 'CGCS2000'],
  [/西安|xian|1980|80/i, 'Xian1980'],
  [/北京|beijing|1954|54/i, 'Beijing1954']
];

/**
 * 界址点坐标 TXT header (自然资源部 land-survey exchange format): 坐标系=2000国家大地坐标系, 几度分带=3, 带号=40.
 * Accepts the raw `key=value` lines or a JSON object of them. EPSG:4488 + zone for CGCS2000 3° zones.
 */
export function resolveSurveyHeader(text: string): ResolvedCrs | undefined {
  let kv: Record<string, string> = {};
  try {
    if (text.trim().startsWith('{'))
      kv = Object.fromEntries(Object.entries(JSON.parse(text)).map(([k, v]) => [k, String(v)]));
  } catch {
    kv = {};
  }
  for (const line of text.split(/[\r\n;]+/)) {
    const m = /^\s*([^=:：]+?)\s*[=:：]\s*(.*?)\s*$/.exec(line);
    if (m) kv[m[1]] = m[2];
  }
  const datumText = kv['坐标系'] ?? '';
  const datum = SURVEY_DATUMS.find(([re]) => re.test(datumText))?.[1];
  if (!datum) return undefined;
  const width = Number(kv['几度分带'] ?? '3') === 6 ? 6 : 3;
  const zone = Number(kv['带号']);
  if (!Number.isFinite(zone) || zone <= 0) return undefined;
  const code = gkCode(datum as 'CGCS2000' | 'Beijing1954' | 'Xian1980', width, zone, true);
  return code ? fromRegistry(code) : undefined;
}
