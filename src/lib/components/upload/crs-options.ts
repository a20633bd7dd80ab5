// The coordinate systems offered in the upload page's override select: the ones Shanghai files really
// use (DOMAIN.md "Boundary files as they really arrive"), most common first. Anything else can still be
// typed as EPSG:nnnn or a proj4 string in the free field.
import { CRS_REGISTRY, OBFUSCATED } from '../../geo/crs/registry.ts';
import type { Bilingual } from '../../i18n/index.ts';

export interface CrsOption {
  value: string;
  label: Bilingual;
  group: 'common' | 'local' | 'old' | 'web';
}

const COMMON = ['EPSG:4528', 'EPSG:4549', 'EPSG:4529', 'EPSG:4550', 'EPSG:4490', 'EPSG:4326', 'EPSG:4499', 'EPSG:4510'];
const LOCAL = ['SH2000', 'SHCITY'];
// Beijing 1954 and Xian 1980 3° zones 40/41 (with and without the prefix): old surveys.
const OLD = ['EPSG:2416', 'EPSG:2437', 'EPSG:2417', 'EPSG:2438', 'EPSG:2364', 'EPSG:2385', 'EPSG:2365', 'EPSG:2386'];

const fromRegistry = (codes: string[], group: CrsOption['group']): CrsOption[] =>
  codes
    .filter((c) => CRS_REGISTRY[c])
    .map((c) => ({
      value: c,
      label: { zh: `${c} · ${CRS_REGISTRY[c].name.zh}`, en: `${c} · ${CRS_REGISTRY[c].name.en}` },
      group
    }));

export const CRS_OPTIONS: CrsOption[] = [
  ...fromRegistry(COMMON, 'common'),
  ...fromRegistry(LOCAL, 'local'),
  ...fromRegistry(OLD, 'old'),
  ...fromRegistry(['EPSG:3857'], 'web'),
  ...(Object.keys(OBFUSCATED) as (keyof typeof OBFUSCATED)[]).map((k) => ({
    value: k,
    label: OBFUSCATED[k],
    group: 'web' as const
  }))
];

export const CRS_GROUP_LABELS: Record<CrsOption['group'], Bilingual> = {
  common: { zh: '常用（2000国家大地坐标系等）', en: 'Common (CGCS2000 etc.)' },
  local: { zh: '上海地方坐标系', en: 'Shanghai local grids' },
  old: { zh: '旧坐标系（北京54 / 西安80）', en: 'Old systems (Beijing 1954 / Xian 1980)' },
  web: { zh: '网络地图坐标（仅在确知时选择）', en: 'Web-map coordinates (choose only when you know)' }
};

/** Text encodings a user may force for shapefile attributes / CAD text. */
export const ENCODINGS = ['utf-8', 'gbk', 'gb18030', 'big5'] as const;

/** 1 亩 = 10000/15 m² (DOMAIN.md: 666.67 m²). */
export const M2_PER_MU = 10000 / 15;
