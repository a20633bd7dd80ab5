// When the reprojected parcel is not in Shanghai, say why in words a user can act on: axes swapped,
// millimetre units, a different Shanghai CRS, longitude/latitude elsewhere, or a foreign grid.

import { detectCrs } from './detect.ts';
import { bbox, fmtLonLat, inChina, type XY } from './extent.ts';
import { toLonLatFn, type ResolvedCrs } from './transform.ts';
import { UserError, userError } from '../../errors.ts';

const FOREIGN_HINTS: {
  code: string;
  fits: (b: [number, number, number, number]) => boolean;
  zh: string;
  en: string;
}[] = [
  // OSGB36 British National Grid: eastings 0–700 km, northings 0–1300 km.
  {
    code: 'EPSG:27700',
    fits: ([x0, y0, x1, y1]) => x0 >= 0 && x1 <= 700_000 && y0 >= 0 && y1 <= 1_300_000 && x1 > 1000,
    zh: '英国国家格网',
    en: 'British National Grid'
  },
  // UTM north: eastings 166–834 km, northings 0–9 330 km.
  {
    code: 'EPSG:326xx',
    fits: ([x0, y0, x1, y1]) => x0 >= 166_000 && x1 <= 834_000 && y0 >= 0 && y1 <= 9_330_000,
    zh: 'UTM 投影带',
    en: 'a UTM zone'
  }
];

export interface UsedCrs {
  crs: ResolvedCrs;
  swapped: boolean;
  unitsToMetres: number;
  rule: string;
}

/** Build the error for a result outside Shanghai: `points` are the source coordinates as read. */
export function outsideShanghaiError(points: XY[], used: UsedCrs): UserError {
  const f = toLonLatFn(used.crs);
  const [x0, y0, x1, y1] = bbox(points);
  const centre: XY = [(x0 + x1) / 2, (y0 + y1) / 2];
  const k = used.crs.kind === 'geographic' ? 1 : used.unitsToMetres;
  const c = used.swapped ? ([centre[1] * k, centre[0] * k] as XY) : ([centre[0] * k, centre[1] * k] as XY);
  const at = f(c);
  const where = Number.isFinite(at[0]) ? fmtLonLat(at) : '?';
  const base = {
    zh: `按${used.crs.name.zh}换算后位于 ${where}，不在上海市范围内`,
    en: `Using ${used.crs.name.en} the parcel lands at ${where}, outside Shanghai`
  };

  const det = detectCrs(points, used.unitsToMetres);
  let cause: { code: string; zh: string; en: string };
  if (det && det.crs.code === used.crs.code && det.swapped !== used.swapped) {
    cause = {
      code: 'crs-axes-swapped',
      zh: 'X/Y 坐标可能互换（北坐标写在了第一列），请交换后重试',
      en: 'X and Y look swapped (northing in the first column): swap them and retry'
    };
  } else if (det && det.unitsToMetres !== used.unitsToMetres && det.crs.code === used.crs.code) {
    cause = {
      code: 'crs-wrong-units',
      zh: `单位可能有误（看起来是${det.unitsToMetres === 0.001 ? '毫米' : '米'}），请检查图形单位`,
      en: `the units look wrong (they look like ${det.unitsToMetres === 0.001 ? 'millimetres' : 'metres'}): check the drawing units`
    };
  } else if (det) {
    cause = {
      code: 'crs-wrong',
      zh: `坐标系可能有误：数据看起来是 ${det.crs.code}（${det.crs.name.zh}），请在上传页的“坐标系”选项中改选 ${det.crs.code}`,
      en: `wrong coordinate system: the data looks like ${det.crs.code} (${det.crs.name.en}); choose ${det.crs.code} under “Coordinate system” on the upload page`
    };
  } else if (used.rule.startsWith('file-') && Number.isFinite(at[0])) {
    cause = {
      code: 'crs-outside-shanghai',
      zh: '文件自带的坐标系说明把它放在上海以外：这不是上海的地块，或坐标系说明有误',
      en: "the file's own CRS declaration puts it outside Shanghai: not a Shanghai parcel, or the declaration is wrong"
    };
  } else if (Math.abs(x0) <= 180 && Math.abs(x1) <= 180 && Math.abs(y0) <= 90 && Math.abs(y1) <= 90) {
    cause = {
      code: 'crs-outside-shanghai',
      zh: `数据是经纬度，位于 ${fmtLonLat(centre)}，不是上海的地块`,
      en: `the data is longitude/latitude at ${fmtLonLat(centre)}, not a Shanghai parcel`
    };
  } else if (Number.isFinite(at[0]) && inChina(at)) {
    cause = {
      code: 'crs-wrong-zone',
      zh: '位置在中国境内但不在上海：可能投影带或坐标系选错',
      en: 'it lies in China but not in Shanghai: probably the wrong zone or CRS'
    };
  } else cause = foreignCause([x0, y0, x1, y1]);
  return userError(cause.code, `${base.zh}：${cause.zh}`, `${base.en}: ${cause.en}`);
}

function foreignCause(b: [number, number, number, number]): { code: string; zh: string; en: string } {
  const foreign = FOREIGN_HINTS.find((h) => h.fits(b));
  return foreign
    ? {
        code: 'crs-foreign',
        zh: `文件看起来是 ${foreign.code}（${foreign.zh}），不是上海的坐标`,
        en: `the file looks like ${foreign.code} (${foreign.en}), not Shanghai coordinates`
      }
    : {
        code: 'crs-undetermined',
        zh: '找不到能使其落在上海的坐标系，请在上传页的“坐标系”选项中手动指定（如 CGCS2000 3度带第 40 带，EPSG:4528），或检查图形单位',
        en: 'no coordinate system puts it in Shanghai: choose the coordinate system yourself under “Coordinate system” on the upload page (e.g. CGCS2000 3° zone 40, EPSG:4528) or check the drawing units'
      };
}

/** No declaration and no Shanghai system fits: name a foreign grid when the values look like one. */
export function undeterminedError(points: XY[], cad = false): UserError {
  const b = bbox(points);
  const small = Math.max(...b.map(Math.abs)) < 1e5;
  const c =
    cad && small
      ? {
          code: 'crs-not-georeferenced',
          zh: '坐标是接近 0 的小数值，图纸没有放在测量坐标系中；请向测绘单位索取 CGCS2000（EPSG:4528/4529）或上海2000坐标系的图纸，或手动指定坐标系',
          en: 'the coordinates are small numbers near 0, so the drawing is not placed in a survey coordinate system; ask the surveyor for a drawing in CGCS2000 (EPSG:4528/4529) or the Shanghai 2000 grid, or set the coordinate system yourself'
        }
      : foreignCause(b);
  return userError(
    c.code,
    `无法判断坐标系（文件未声明坐标系）：${c.zh}`,
    `Cannot tell the coordinate system (the file declares none): ${c.en}`
  );
}
