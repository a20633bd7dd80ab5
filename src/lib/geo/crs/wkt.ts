// .prj / WKT1 reading. ArcGIS writes Chinese grids as PROJECTION["Gauss_Kruger"] with ESRI datum names
// (D_Beijing_1954, D_China_2000, D_Xian_1980) which older proj4js versions reject (proj4js #328, #143);
// so we read the parameters ourselves and map them to the EPSG code they denote, and only hand other
// projections (e.g. a US State Plane .prj) to proj4js's own WKT parser.
import { CRS_REGISTRY, gkCode, type CrsDef, type DatumId } from './registry.ts';

export interface WktNode {
  key: string;
  args: (string | number | WktNode)[];
}

/** Parse WKT1 into a tree: KEY[arg, "string", 1.0, CHILD[...]] (brackets or parentheses). */
export function parseWktTree(text: string): WktNode {
  let i = 0;
  const s = text.trim();
  const ws = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  function node(): WktNode {
    ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i));
    if (!m) throw new Error(`WKT: keyword expected at ${i}`);
    i += m[0].length;
    ws();
    const out: WktNode = { key: m[0].toUpperCase(), args: [] };
    if (s[i] !== '[' && s[i] !== '(') return out;
    const close = s[i] === '[' ? ']' : ')';
    i++;
    for (;;) {
      ws();
      if (s[i] === '"') {
        const end = s.indexOf('"', i + 1);
        if (end < 0) throw new Error('WKT: unterminated string');
        out.args.push(s.slice(i + 1, end));
        i = end + 1;
      } else if (/[-+.\d]/.test(s[i] ?? '')) {
        const n = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(s.slice(i));
        if (!n) throw new Error(`WKT: number expected at ${i}`);
        out.args.push(Number(n[0]));
        i += n[0].length;
      } else out.args.push(node());
      ws();
      if (s[i] === ',') {
        i++;
        continue;
      }
      if (s[i] === close) {
        i++;
        return out;
      }
      throw new Error(`WKT: unexpected '${s[i] ?? 'end'}' at ${i}`);
    }
  }
  return node();
}

const child = (n: WktNode, key: string) => n.args.find((a): a is WktNode => typeof a === 'object' && a.key === key);
const children = (n: WktNode, key: string) =>
  n.args.filter((a): a is WktNode => typeof a === 'object' && a.key === key);

export interface WktSummary {
  projected: boolean;
  name: string;
  datumName: string;
  datum: DatumId | undefined;
  a?: number;
  rf?: number;
  projection?: string;
  params: Record<string, number>;
  /** Linear unit of a projected system in metres (e.g. 0.3048006096 for US survey feet). */
  unitToMetre: number;
  authority?: string;
}

/** Which datum a WKT names, by name first, then by the spheroid's semi-major axis. */
function datumOf(name: string, a?: number, rf?: number): DatumId | undefined {
  const n = name.toLowerCase().replace(/[\s_-]/g, '');
  if (/cgcs|china2000|chinageodeticcoordinatesystem2000|2000国家/.test(n)) return 'CGCS2000';
  if (/beijing|北京/.test(n)) return 'Beijing1954';
  if (/xian|xi'an|西安/.test(n)) return 'Xian1980';
  if (/wgs84|wgs1984|worldgeodeticsystem1984/.test(n)) return 'WGS84';
  if (a === 6378245) return 'Beijing1954';
  if (a === 6378140) return 'Xian1980';
  if (a === 6378137 && rf !== undefined && Math.abs(rf - 298.257222101) < 1e-6) return 'CGCS2000';
  if (a === 6378137 && rf !== undefined && Math.abs(rf - 298.257223563) < 1e-6) return 'WGS84';
  return undefined;
}

export function summariseWkt(text: string): WktSummary {
  const root = parseWktTree(text);
  const projected = root.key === 'PROJCS' || root.key === 'PROJCRS';
  const geog = projected ? (child(root, 'GEOGCS') ?? child(root, 'BASEGEOGCRS')) : root;
  const datumNode = geog && (child(geog, 'DATUM') ?? child(geog, 'GEODETICDATUM'));
  const sph = datumNode && (child(datumNode, 'SPHEROID') ?? child(datumNode, 'ELLIPSOID'));
  const a = sph && typeof sph.args[1] === 'number' ? sph.args[1] : undefined;
  const rf = sph && typeof sph.args[2] === 'number' ? sph.args[2] : undefined;
  const datumName = `${String(datumNode?.args[0] ?? '')} ${String(geog?.args[0] ?? '')}`.trim();
  const params: Record<string, number> = {};
  for (const p of children(root, 'PARAMETER')) {
    if (typeof p.args[0] === 'string' && typeof p.args[1] === 'number') params[p.args[0].toLowerCase()] = p.args[1];
  }
  const unit = child(root, 'UNIT');
  const auth = child(root, 'AUTHORITY');
  return {
    projected,
    name: String(root.args[0] ?? ''),
    datumName,
    datum: datumOf(datumName, a, rf),
    a,
    rf,
    projection: projected ? String(child(root, 'PROJECTION')?.args[0] ?? '') : undefined,
    params,
    unitToMetre: projected && unit && typeof unit.args[1] === 'number' ? unit.args[1] : 1,
    authority: auth && String(auth.args[0]).toUpperCase() === 'EPSG' ? `EPSG:${auth.args[1]}` : undefined
  };
}

export type WktResolution =
  { kind: 'registry'; def: CrsDef; how: string } | { kind: 'proj4'; proj4: string; name: string; how: string };

const GEOG_BY_DATUM: Partial<Record<DatumId, string>> = {
  WGS84: 'EPSG:4326',
  CGCS2000: 'EPSG:4490',
  Beijing1954: 'EPSG:4214',
  Xian1980: 'EPSG:4610'
};

/**
 * Map a .prj to a known system by its parameters; returns a proj4 string built from the parameters for a
 * transverse Mercator we do not know by code, and undefined for anything else (the caller then tries proj4js).
 */
export function resolveWkt(text: string): WktResolution | undefined {
  const w = summariseWkt(text);
  if (w.authority && CRS_REGISTRY[w.authority])
    return { kind: 'registry', def: CRS_REGISTRY[w.authority], how: 'wkt-authority' };
  if (!w.projected) {
    const code = w.datum && GEOG_BY_DATUM[w.datum];
    return code ? { kind: 'registry', def: CRS_REGISTRY[code], how: 'wkt-geographic-datum' } : undefined;
  }
  const proj = (w.projection ?? '').toLowerCase().replace(/[\s-]/g, '_');
  if (!/gauss_kruger|transverse_mercator|gauss_krueger/.test(proj)) return undefined;
  const p = w.params;
  const cm = p['central_meridian'] ?? p['longitude_of_center'] ?? 0;
  const fe = (p['false_easting'] ?? 0) * w.unitToMetre;
  const fn = (p['false_northing'] ?? 0) * w.unitToMetre;
  const k = p['scale_factor'] ?? 1;
  const lat0 = p['latitude_of_origin'] ?? 0;
  const standard = fn === 0 && k === 1 && lat0 === 0;
  if (standard && w.datum && w.datum !== 'WGS84' && w.datum !== 'local') {
    // A 3° zone n has CM 3n, a 6° zone n has CM 6n−3; where both fit (e.g. CM 123°E) the projections are
    // identical, so the 3° code is used. The false easting tells whether the zone prefix is present.
    const prefix = Math.floor(fe / 1e6);
    let code: string | undefined;
    if (fe === 500000)
      code = Number.isInteger(cm / 3) ? gkCode(w.datum, 3, cm / 3, false) : gkCode(w.datum, 6, (cm + 3) / 6, false);
    else if (fe === prefix * 1e6 + 500000) {
      if (prefix * 3 === cm) code = gkCode(w.datum, 3, prefix, true);
      else if (prefix * 6 - 3 === cm) code = gkCode(w.datum, 6, prefix, true);
    }
    if (code) return { kind: 'registry', def: CRS_REGISTRY[code], how: 'wkt-gk-parameters' };
  }
  const ell =
    w.datum === 'CGCS2000'
      ? '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0'
      : w.datum === 'WGS84'
        ? '+datum=WGS84'
        : w.datum === 'Beijing1954'
          ? '+ellps=krass +towgs84=15.8,-154.4,-82.3,0,0,0,0'
          : w.a && w.rf
            ? `+a=${w.a} +rf=${w.rf}`
            : undefined;
  if (!ell) return undefined;
  return {
    kind: 'proj4',
    proj4: `+proj=tmerc +lat_0=${lat0} +lon_0=${cm} +k=${k} +x_0=${fe} +y_0=${fn} ${ell} +to_meter=${w.unitToMetre} +no_defs`,
    name: w.name,
    how: 'wkt-tmerc-parameters'
  };
}
