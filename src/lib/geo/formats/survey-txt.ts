// 界址点坐标 TXT: the national land-survey exchange text (国土资源部 建设用地勘测定界 / 土地整治 coordinate
// files; DOMAIN.md "Boundary files as they really arrive"). Layout:
//   [属性描述]  key=value lines (坐标系, 几度分带, 带号, 计量单位 …)
//   [地块坐标]  per parcel `点数,面积(公顷),地块编号,地块名称,面,图幅号,地块用途,地类编码,@`
//              then points `J1,1,X,Y`: name, ring (1 outer, 2+ holes), X = northing, Y = easting (zone prefix).
// Output positions are [easting, northing] in the source CRS; the header goes to crs.ts as a hint.
import {
  type Decision,
  type Feature,
  type Message,
  type MultiPolygon,
  type Polygon,
  type ReadOptions,
  type ReadResult
} from '../types.ts';
import { decideTextEncoding, decodeText } from '../text/encoding.ts';
import { ringInRing } from '../planar.ts';
import { userError } from '../../errors.ts';

type Pos = [number, number];

/** Field names of the parcel line, in the standard's order. */
const PARCEL_FIELDS = [
  '界址点数',
  '地块面积',
  '地块编号',
  '地块名称',
  '记录图形属性',
  '图幅号',
  '地块用途',
  '地类编码'
];

interface Parcel {
  props: Record<string, unknown>;
  points: { ring: number; x: number; y: number }[];
  declared?: number;
  line: number;
}

const isNum = (s: string | undefined) => s !== undefined && /^[+-]?\d+(\.\d+)?$/.test(s);
const intDigits = (v: number) => String(Math.floor(Math.abs(v))).length;

/** Which of X/Y is the easting. A 3°/6° Gauss-Krüger easting with its zone prefix has 8 integer digits (zone
 *  13–45 + 6 digits); without a prefix it has 6 (166 000–834 000 m incl. the 500 km false easting) while a
 *  northing anywhere in China (lat > 18°N) has 7. The standard says X = northing; files that swap are caught
 *  by whichever pattern most points follow. */
function axisOrder(pts: { x: number; y: number }[]): Decision {
  let declared = 0,
    swapped = 0,
    rule = 'file-order';
  for (const p of pts) {
    const dx = intDigits(p.x),
      dy = intDigits(p.y);
    if (dy === 8 && dx <= 7) {
      declared++;
      rule = 'zone-prefix-digits';
    } else if (dx === 8 && dy <= 7) {
      swapped++;
      rule = 'zone-prefix-digits';
    } else if (dx === 7 && dy === 6) declared++;
    else if (dx === 6 && dy === 7) swapped++;
  }
  if (rule === 'file-order' && (declared || swapped)) rule = 'northing-7-easting-6-digits';
  if (swapped > declared)
    return {
      what: 'axis-order',
      value: 'swapped: X=easting, Y=northing',
      rule,
      alternatives: ['X=northing, Y=easting (standard)']
    };
  return {
    what: 'axis-order',
    value: 'X=northing, Y=easting (standard)',
    rule,
    alternatives: ['swapped: X=easting, Y=northing']
  };
}

/** Index of the ring number in a point line `name, ring, X, Y[, extra…]`; variants put extra fields first. */
function pointFields(f: string[]): number {
  for (let k = 1; k + 2 < f.length; k++) if (/^\d+$/.test(f[k]) && isNum(f[k + 1]) && isNum(f[k + 2])) return k;
  return -1;
}

function parseLines(text: string, warnings: Message[]): { header: Record<string, string>; parcels: Parcel[] } {
  const header: Record<string, string> = {};
  const parcels: Parcel[] = [];
  let section = '';
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((raw, idx) => {
    const line = raw.trim().replace(/，/g, ',');
    if (!line) return;
    const sec = /^\[(.+)\]$/.exec(line);
    if (sec) {
      section = sec[1].trim();
      return;
    }
    if (section === '属性描述') {
      const m = /^([^=＝]+)[=＝](.*)$/.exec(line);
      if (m) header[m[1].trim()] = m[2].trim();
      return;
    }
    // Variants add sections of their own (说明, 附注 …): only [地块坐标] (or a file with no sections) holds points.
    if (section && section !== '地块坐标') return;
    const fields = line.split(',').map((f) => f.trim());
    if (/@$/.test(line.replace(/[,\s]+$/, ''))) {
      const vals = fields.filter((f, i) => !(i === fields.length - 1 && (f === '@' || f === '')));
      while (vals.length && (vals[vals.length - 1] === '@' || vals[vals.length - 1] === '')) vals.pop();
      const props: Record<string, unknown> = {};
      vals.forEach((v, i) => {
        props[PARCEL_FIELDS[i] ?? `字段${i + 1}`] = isNum(v) && i < 2 ? Number(v) : v;
      });
      parcels.push({ props, points: [], declared: isNum(vals[0]) ? Number(vals[0]) : undefined, line: idx + 1 });
      return;
    }
    // Point line: `name, ring, X, Y[, extra…]`; variants put extra fields first, so find `int, num, num`.
    const k = pointFields(fields);
    if (k < 0) {
      warnings.push({
        code: 'survey-line-skipped',
        zh: `第 ${idx + 1} 行无法识别，已跳过：“${raw.trim().slice(0, 40)}”。`,
        en: `Line ${idx + 1} not understood, skipped: "${raw.trim().slice(0, 40)}".`
      });
      return;
    }
    if (!parcels.length) {
      parcels.push({ props: {}, points: [], line: idx + 1 });
      warnings.push({
        code: 'survey-no-parcel-line',
        zh: '坐标点前没有地块行（以 @ 结尾），已当作一个地块。',
        en: 'Points appear before any parcel line (ending in @); read as one parcel.'
      });
    }
    parcels[parcels.length - 1].points.push({
      ring: Number(fields[k]),
      x: Number(fields[k + 1]),
      y: Number(fields[k + 2])
    });
  });
  return { header, parcels };
}

function parcelGeometry(p: Parcel, swap: boolean, where: string, warnings: Message[]): Polygon | MultiPolygon | null {
  const rings: { n: number; pts: Pos[] }[] = [];
  for (const q of p.points) {
    const pos: Pos = swap ? [q.x, q.y] : [q.y, q.x];
    const last = rings[rings.length - 1];
    if (last && last.n === q.ring) last.pts.push(pos);
    else rings.push({ n: q.ring, pts: [pos] });
  }
  const usable = rings.filter((r) => new Set(r.pts.map((x) => x.join(','))).size >= 3);
  if (usable.length < rings.length) {
    warnings.push({
      code: 'survey-degenerate-ring',
      zh: `${where}：忽略了少于 3 个不同点的环。`,
      en: `${where}: ignored ring(s) with under 3 distinct points.`
    });
  }
  if (!usable.length) return null;
  // Ring 1 is the outer boundary and 2+ are holes; a later ring outside every outer is a separate part.
  const polys: Pos[][][] = [];
  for (const r of usable) {
    const host = r.n > 1 ? polys.find((poly) => ringInRing(r.pts, poly[0])) : undefined;
    if (host) host.push(r.pts);
    else {
      if (r.n > 1)
        warnings.push({
          code: 'survey-ring-outside',
          zh: `${where}：第 ${r.n} 圈不在外圈内，按独立部分读取。`,
          en: `${where}: ring ${r.n} is outside the outer ring; read as a separate part.`
        });
      polys.push([r.pts]);
    }
  }
  return polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys };
}

export function readSurveyTxt(bytes: Uint8Array, name: string, opts: ReadOptions): ReadResult {
  const enc = decideTextEncoding(bytes, opts.encoding);
  const decisions: Decision[] = [enc.decision];
  const warnings: Message[] = [...enc.warnings];
  const { header, parcels } = parseLines(decodeText(bytes, enc.encoding), warnings);
  const all = parcels.flatMap((p) => p.points);
  if (!all.length) {
    throw userError(
      'survey-no-points',
      `坐标文件“${name}”中没有界址点坐标行（如 J1,1,X,Y），请检查 [地块坐标] 部分。`,
      `The coordinate file "${name}" has no boundary-point lines (like J1,1,X,Y); check its [地块坐标] section.`
    );
  }
  const axis = axisOrder(all);
  decisions.push(axis);
  const swap = axis.value.startsWith('swapped');
  const features: Feature<Polygon | MultiPolygon, Record<string, unknown>>[] = [];
  parcels.forEach((p, i) => {
    const where = `地块 ${String(p.props['地块编号'] ?? i + 1)} (line ${p.line})`;
    if (p.declared !== undefined && p.declared !== p.points.length) {
      warnings.push({
        code: 'survey-point-count',
        zh: `${where}：声明 ${p.declared} 个界址点，实际 ${p.points.length} 个。`,
        en: `${where}: declares ${p.declared} points, has ${p.points.length}.`
      });
    }
    const geometry = parcelGeometry(p, swap, where, warnings);
    if (geometry) features.push({ type: 'Feature', geometry, properties: p.props });
  });
  if (!features.length) {
    throw userError(
      'no-polygon',
      `坐标文件“${name}”中没有能构成面的地块（每圈至少 3 个不同的点）。`,
      `The coordinate file "${name}" has no parcel with a ring of at least 3 distinct points.`
    );
  }
  const result: ReadResult = { format: 'survey-txt', features, decisions, warnings };
  if (Object.keys(header).length)
    result.crsHint = { kind: 'survey-header', value: JSON.stringify(header), source: `${name}: [属性描述]` };
  return result;
}
