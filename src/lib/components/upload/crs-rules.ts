// How the coordinate system was decided, in words an officer understands. The codes come from
// src/lib/geo/crs.ts and crs/detect.ts (`rule`), with '+swapped-axes' / '+units-mm' suffixes.
import type { Bilingual } from '../../i18n/index.ts';

const BASE: Record<string, Bilingual> = {
  user: { zh: '由您指定', en: 'chosen by you' },
  'file-wkt': { zh: '读取文件自带的坐标系说明（.prj）', en: "read from the file's own definition (.prj)" },
  'file-epsg': { zh: '读取文件声明的 EPSG 代码', en: 'read from the EPSG code declared in the file' },
  'file-proj4': { zh: '读取文件中的 proj4 定义', en: 'read from the proj4 definition in the file' },
  'file-name': { zh: '读取文件中的坐标系名称', en: 'read from the coordinate system named in the file' },
  'file-survey-header': {
    zh: '读取界址点文件的[属性描述]（坐标系、带号）',
    en: "read from the survey file's header (system, zone)"
  },
  'lonlat-in-shanghai': {
    zh: '根据坐标值推断：经纬度落在上海范围内',
    en: "guessed from the values: longitude/latitude inside Shanghai's extent"
  },
  'gk3-zone-prefix': {
    zh: '根据坐标值推断：东坐标带3度带带号前缀（如 40xxxxxx）',
    en: 'guessed from the values: eastings carry a 3° zone prefix (e.g. 40xxxxxx)'
  },
  'gk6-zone-prefix': {
    zh: '根据坐标值推断：东坐标带6度带带号前缀',
    en: 'guessed from the values: eastings carry a 6° zone prefix'
  },
  'gk3-cm-by-location': {
    zh: '根据坐标值推断：5xxxxx 东坐标、34xxxxx 北坐标（3度带，无带号）',
    en: 'guessed from the values: 5xxxxx eastings with 34xxxxx northings (3° zone, no prefix)'
  },
  'web-mercator-range': { zh: '根据坐标值推断：Web 墨卡托范围', en: 'guessed from the values: Web Mercator range' },
  'local-small-values': {
    zh: '根据坐标值推断：数值较小，像上海地方坐标系',
    en: 'guessed from the values: small numbers, like a Shanghai local grid'
  },
  'lonlat-range': {
    zh: '坐标像经纬度，但不在上海范围内',
    en: 'values look like longitude/latitude, but not inside Shanghai'
  }
};

const SUFFIX: Record<string, Bilingual> = {
  'swapped-axes': { zh: 'X/Y 互换后', en: 'after swapping X/Y' },
  'units-mm': { zh: '按毫米换算后', en: 'after reading the units as millimetres' },
  'units-m': { zh: '按米换算后', en: 'after reading the units as metres' }
};

export function describeCrsRule(rule: string): Bilingual {
  const [base, ...rest] = rule.split('+');
  const b = BASE[base] ?? { zh: base, en: base };
  const extras = rest.map((r) => SUFFIX[r]).filter(Boolean);
  if (extras.length === 0) return b;
  return {
    zh: `${b.zh}（${extras.map((e) => e.zh).join('，')}）`,
    en: `${b.en} (${extras.map((e) => e.en).join(', ')})`
  };
}
