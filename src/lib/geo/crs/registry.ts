// The coordinate systems a Shanghai boundary file can arrive in, as proj4 definitions.
// Codes and parameters follow the EPSG registry (CGCS2000 3° GK: EPSG:4513–4533 with the zone prefix,
// 4534–4554 by central meridian; Beijing 1954: 2401–2421 / 2422–2442; Xian 1980: 2349–2369 / 2370–2390;
// 6° GK: CGCS2000 4491–4501 / 4502–4512). CGCS2000 and WGS84 agree at the metre level (GRS80 vs WGS84
// ellipsoids differ by < 0.1 mm; the frames by a few cm), so both are treated as one datum here.

export interface Bilingual {
  zh: string;
  en: string;
}

export type DatumId = 'WGS84' | 'CGCS2000' | 'Beijing1954' | 'Xian1980' | 'local';

export interface CrsDef {
  code: string;
  name: Bilingual;
  proj4: string;
  kind: 'geographic' | 'projected';
  datum: DatumId;
  /** Set when the definition is known not to be exact: what the user must be told. */
  approximate?: Bilingual;
  /** GK zone number when the easting carries it as a prefix (e.g. 40 → 40 500 000 m false easting). */
  zonePrefix?: number;
}

/** Target of the pipeline: CGCS2000 geographic (EPSG:4490), lon/lat order as in GeoJSON. */
export const TARGET_CODE = 'EPSG:4490';

const GRS80 = '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0';
const KRASS = '+ellps=krass +towgs84=15.8,-154.4,-82.3,0,0,0,0';
// IAG 1975 ellipsoid of Xian 1980; no public datum shift to WGS84 exists (EPSG has none).
const IAG75 = '+a=6378140 +b=6356755.288157528';

const BEIJING54_NOTE: Bilingual = {
  zh: '北京54→WGS84 使用公开的近似三参数（15.8,-154.4,-82.3），误差可达数米至十余米',
  en: 'Beijing 1954 → WGS84 uses the public approximate 3-parameter shift (15.8,-154.4,-82.3): errors of metres to ~10+ m'
};
const XIAN80_NOTE: Bilingual = {
  zh: '西安80 无公开的转换参数，只换椭球，误差可达数十米；请向测绘部门索取转换参数',
  en: 'Xian 1980 has no public datum shift: only the ellipsoid is changed, errors of tens of metres are possible; ask the surveyors for the transformation'
};
export const SH2000_NOTE: Bilingual = {
  zh: '上海2000坐标系参数受控，此处为近似定义（非官方，预计厘米至分米级差异）；管理员可设置正式参数或控制点',
  en: 'Shanghai 2000 parameters are controlled: this is an approximation (not official, expect cm–dm differences); an administrator can set the official parameters or control points'
};
const SHCITY_NOTE: Bilingual = {
  zh: '上海城市坐标系（北京54椭球，中央子午线121°28′）原点参数未公开：此为占位近似，误差可达百米，需由管理员设置正式参数',
  en: 'Shanghai City grid (Beijing 1954 ellipsoid, CM 121°28′): origin parameters are not public; this is a placeholder that can be off by ~100 m until an administrator sets the real parameters'
};

function tmerc(lon0: number, x0: number, datum: string, k = 1): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=${k} +x_0=${x0} +y_0=0 ${datum} +units=m +no_defs`;
}

interface DatumFamily {
  datum: DatumId;
  zh: string;
  en: string;
  p4: string;
  /** First EPSG code of: 3° zones 25–45 with prefix, 3° CM 75–135E, 6° zones 13–23, 6° CM 75–135E. */
  gk3Zone: number;
  gk3Cm: number;
  gk6Zone: number;
  gk6Cm: number;
  note?: Bilingual;
}

const FAMILIES: DatumFamily[] = [
  {
    datum: 'CGCS2000',
    zh: '2000国家大地坐标系',
    en: 'CGCS2000',
    p4: GRS80,
    gk3Zone: 4513,
    gk3Cm: 4534,
    gk6Zone: 4491,
    gk6Cm: 4502
  },
  {
    datum: 'Beijing1954',
    zh: '1954北京坐标系',
    en: 'Beijing 1954',
    p4: KRASS,
    gk3Zone: 2401,
    gk3Cm: 2422,
    gk6Zone: 21413,
    gk6Cm: 21473,
    note: BEIJING54_NOTE
  },
  {
    datum: 'Xian1980',
    zh: '1980西安坐标系',
    en: 'Xian 1980',
    p4: IAG75,
    gk3Zone: 2349,
    gk3Cm: 2370,
    gk6Zone: 2327,
    gk6Cm: 2338,
    note: XIAN80_NOTE
  }
];

function buildRegistry(): Record<string, CrsDef> {
  const r: Record<string, CrsDef> = {};
  const add = (d: CrsDef) => (r[d.code] = d);
  add({
    code: 'EPSG:4326',
    name: { zh: 'WGS84 经纬度', en: 'WGS 84 (lon/lat)' },
    proj4: '+proj=longlat +datum=WGS84 +no_defs',
    kind: 'geographic',
    datum: 'WGS84'
  });
  add({
    code: 'EPSG:4490',
    name: { zh: 'CGCS2000 经纬度', en: 'CGCS2000 (lon/lat)' },
    proj4: `+proj=longlat ${GRS80} +no_defs`,
    kind: 'geographic',
    datum: 'CGCS2000'
  });
  add({
    code: 'EPSG:4214',
    name: { zh: '1954北京坐标系 经纬度', en: 'Beijing 1954 (lon/lat)' },
    proj4: `+proj=longlat ${KRASS} +no_defs`,
    kind: 'geographic',
    datum: 'Beijing1954',
    approximate: BEIJING54_NOTE
  });
  add({
    code: 'EPSG:4610',
    name: { zh: '1980西安坐标系 经纬度', en: 'Xian 1980 (lon/lat)' },
    proj4: `+proj=longlat ${IAG75} +no_defs`,
    kind: 'geographic',
    datum: 'Xian1980',
    approximate: XIAN80_NOTE
  });
  add({
    code: 'EPSG:3857',
    name: { zh: 'Web墨卡托', en: 'WGS 84 / Pseudo-Mercator' },
    proj4: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs',
    kind: 'projected',
    datum: 'WGS84'
  });
  for (const f of FAMILIES) {
    for (let zone = 25; zone <= 45; zone++) {
      const cm = zone * 3;
      add({
        code: `EPSG:${f.gk3Zone + zone - 25}`,
        name: { zh: `${f.zh} 3度带 ${zone}带（带号前缀）`, en: `${f.en} / 3-degree Gauss-Kruger zone ${zone}` },
        proj4: tmerc(cm, zone * 1e6 + 500000, f.p4),
        kind: 'projected',
        datum: f.datum,
        zonePrefix: zone,
        approximate: f.note
      });
      add({
        code: `EPSG:${f.gk3Cm + zone - 25}`,
        name: { zh: `${f.zh} 3度带 中央子午线${cm}°E`, en: `${f.en} / 3-degree Gauss-Kruger CM ${cm}E` },
        proj4: tmerc(cm, 500000, f.p4),
        kind: 'projected',
        datum: f.datum,
        approximate: f.note
      });
    }
    for (let zone = 13; zone <= 23; zone++) {
      const cm = zone * 6 - 3;
      add({
        code: `EPSG:${f.gk6Zone + zone - 13}`,
        name: { zh: `${f.zh} 6度带 ${zone}带（带号前缀）`, en: `${f.en} / Gauss-Kruger zone ${zone}` },
        proj4: tmerc(cm, zone * 1e6 + 500000, f.p4),
        kind: 'projected',
        datum: f.datum,
        zonePrefix: zone,
        approximate: f.note
      });
      add({
        code: `EPSG:${f.gk6Cm + zone - 13}`,
        name: { zh: `${f.zh} 6度带 中央子午线${cm}°E`, en: `${f.en} / Gauss-Kruger CM ${cm}E` },
        proj4: tmerc(cm, 500000, f.p4),
        kind: 'projected',
        datum: f.datum,
        approximate: f.note
      });
    }
  }
  // DOMAIN.md's approximation of 上海2000坐标系 (official since 2021-01-01): GK on CGCS2000, CM 121°27′52″E,
  // projection surface at 16.32 m (scale 1.0000025616), origin near 121°28′01″E 31°14′07″N.
  add({
    code: 'SH2000',
    name: { zh: '上海2000坐标系（近似）', en: 'Shanghai 2000 local grid (approximate)' },
    proj4:
      '+proj=tmerc +lat_0=0 +lon_0=121.4644444444 +k=1.0000025616 +x_0=-238.173 +y_0=-3457068.779 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
    kind: 'projected',
    datum: 'local',
    approximate: SH2000_NOTE
  });
  // Placeholder for the older 上海城市坐标系: Krasovsky ellipsoid, CM 121°28′; offsets chosen so that
  // 121°28′01″E 31°14′07″N maps to (0, 0) like the newer grid. The real origin is not public.
  add({
    code: 'SHCITY',
    name: { zh: '上海城市坐标系（占位近似）', en: 'Shanghai City grid (placeholder)' },
    proj4: `+proj=tmerc +lat_0=0 +lon_0=121.4666666667 +k=1 +x_0=-26.464 +y_0=-3457121.330 ${KRASS} +units=m +no_defs`,
    kind: 'projected',
    datum: 'local',
    approximate: SHCITY_NOTE
  });
  return r;
}

/** Every built-in system, keyed by code ('EPSG:4528', 'SH2000', …). */
export const CRS_REGISTRY: Readonly<Record<string, CrsDef>> = buildRegistry();

/** Pseudo-systems that are not projections but obfuscations; only used when the user names them. */
export const OBFUSCATED = {
  'GCJ-02': { zh: 'GCJ-02（火星坐标，高德/腾讯）', en: 'GCJ-02 (Chinese web-map offset: AMap, Tencent)' },
  'BD-09': { zh: 'BD-09（百度坐标）', en: 'BD-09 (Baidu)' }
} as const;
export type ObfuscatedId = keyof typeof OBFUSCATED;

/** EPSG code of a Gauss-Krüger system from datum, zone width and zone number (zone prefix or not). */
export function gkCode(
  datum: Exclude<DatumId, 'WGS84' | 'local'>,
  width: 3 | 6,
  zone: number,
  prefixed: boolean
): string | undefined {
  const f = FAMILIES.find((x) => x.datum === datum)!;
  const [lo, hi] = width === 3 ? [25, 45] : [13, 23];
  if (!Number.isInteger(zone) || zone < lo || zone > hi) return undefined;
  const base = width === 3 ? (prefixed ? f.gk3Zone : f.gk3Cm) : prefixed ? f.gk6Zone : f.gk6Cm;
  return `EPSG:${base + zone - lo}`;
}
