// Shapefile reader (.shp geometry + .dbf attributes + .prj + .cpg), own small parser rather than shpjs:
// shpjs decodes DBF text itself (GBK without .cpg becomes mojibake), reprojects to WGS84 and loses the source
// coordinates (DESIGN.md), and its parseShp nests holes by bounding box only. The format is small and fixed:
// ESRI Shapefile Technical Description (July 1998) for .shp; dBASE III+/ESRI conventions for .dbf.
import {
  type Decision,
  type Feature,
  type LayerInfo,
  type Message,
  type MultiPolygon,
  type Polygon,
  type ReadOptions,
  type ReadResult
} from '../types.ts';
import { decideTextEncoding, decodeText } from '../text/encoding.ts';
import { readDbf } from './dbf.ts';
import { lazyGeometry } from '../lazy-geometry.ts';
import { packedMap } from '../packed-map.ts';

export { readDbf, type DbfTable } from './dbf.ts';
import { userError } from '../../errors.ts';
import { nestRings, ringBBox, ringInRing, signedArea } from '../planar.ts';

type Ring = [number, number][];

const SHAPE_NAMES: Record<number, string> = {
  0: 'Null',
  1: 'Point',
  3: 'PolyLine',
  5: 'Polygon',
  8: 'MultiPoint',
  11: 'PointZ',
  13: 'PolyLineZ',
  15: 'PolygonZ',
  18: 'MultiPointZ',
  21: 'PointM',
  23: 'PolyLineM',
  25: 'PolygonM',
  28: 'MultiPointM',
  31: 'MultiPatch'
};
const POLYGON_TYPES = new Set([5, 15, 25]);
/** Names that mark a boundary layer when a zip holds several polygon shapefiles. */
const BOUNDARY_NAME_HINTS = /红线|用地|界址|宗地|地块|范围|边界|redline|boundary|parcel|site/i;

export interface ShapefileSet {
  base: string;
  shp: { name: string; bytes: Uint8Array };
  dbf?: { name: string; bytes: Uint8Array };
  prj?: { name: string; bytes: Uint8Array };
  cpg?: { name: string; bytes: Uint8Array };
}

const shpError = (name: string, zh: string, en: string) =>
  userError('shp-corrupt', `Shapefile“${name}”${zh}`, `Shapefile "${name}": ${en}`);

export function shpHeaderType(bytes: Uint8Array): number {
  return bytes.length >= 100 ? new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt32(32, true) : -1;
}

/** Where each record's shape starts (-1 for a Null shape), once the header and each record's type and counts
 *  are checked; a record cut off ends the list with a warning. */
export function shpRecordStarts(bytes: Uint8Array, name: string, warnings: Message[]): number[] {
  if (bytes.length < 100)
    throw shpError(name, '文件头不完整（少于 100 字节）。', 'header incomplete (under 100 bytes).');
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (v.getInt32(0, false) !== 9994)
    throw shpError(name, '不是有效的 .shp 文件（文件标识不是 9994）。', 'not a .shp file (file code is not 9994).');
  const type = v.getInt32(32, true);
  if (!POLYGON_TYPES.has(type)) {
    const kind = SHAPE_NAMES[type] ?? `type ${type}`;
    throw userError(
      'shp-not-polygon',
      `Shapefile“${name}”的几何类型是 ${kind}，不是面（Polygon）；用地边界必须是面要素，请导出面图层。`,
      `Shapefile "${name}" holds ${kind} shapes, not polygons; a site boundary must be a polygon layer: export the polygon layer.`
    );
  }
  const out: number[] = [];
  let p = 100;
  while (p + 8 <= bytes.length) {
    const len = v.getInt32(p + 4, false) * 2;
    const c = p + 8;
    if (len < 4 || c + len > bytes.length) {
      warnings.push({
        code: 'shp-truncated',
        zh: `.shp 文件在第 ${out.length + 1} 条记录处被截断，只读取了前 ${out.length} 条。`,
        en: `The .shp is cut off at record ${out.length + 1}; read the first ${out.length} records only.`
      });
      break;
    }
    const t = v.getInt32(c, true);
    if (t === 0) out.push(-1);
    else if (!POLYGON_TYPES.has(t))
      throw shpError(
        name,
        `第 ${out.length + 1} 条记录类型 ${t} 与文件头不一致。`,
        `record ${out.length + 1} has type ${t}, not the header's.`
      );
    else {
      const nParts = v.getInt32(c + 36, true),
        nPoints = v.getInt32(c + 40, true);
      if (nParts < 0 || nPoints < 0 || c + 44 + 4 * nParts + 16 * nPoints > c + len) {
        throw shpError(
          name,
          `第 ${out.length + 1} 条记录的点数与长度不符，文件已损坏。`,
          `record ${out.length + 1}: part/point counts exceed its length (damaged file).`
        );
      }
      out.push(c);
    }
    p = c + len;
  }
  return out;
}

/** The rings of the (checked) record whose shape starts at `c`; Z and M values are ignored (boundaries are 2-D). */
export function recordRings(v: DataView, c: number, rec: number, name: string): Ring[] {
  const nParts = v.getInt32(c + 36, true),
    nPoints = v.getInt32(c + 40, true);
  const pts = c + 44 + 4 * nParts;
  const rings: Ring[] = [];
  for (let k = 0; k < nParts; k++) {
    const from = v.getInt32(c + 44 + 4 * k, true);
    const to = k + 1 < nParts ? v.getInt32(c + 48 + 4 * k, true) : nPoints;
    if (from < 0 || to > nPoints || from > to)
      throw shpError(name, `第 ${rec} 条记录的分部索引错误。`, `record ${rec}: bad part index.`);
    const ring: Ring = [];
    for (let i = from; i < to; i++) ring.push([v.getFloat64(pts + 16 * i, true), v.getFloat64(pts + 16 * i + 8, true)]);
    rings.push(ring);
  }
  return rings;
}

/** The point count of a record that is one clockwise ring of at least 4 points (an outer ring by the spec: most
 *  parcels), else 0. Decided from the bytes as ringsToGeometry decides it from the ring (the same sum in the same
 *  order), without making the ring: the other records go through recordRings and ringsToGeometry. */
function singleOuterRing(v: DataView, c: number): number {
  if (v.getInt32(c + 36, true) !== 1 || v.getInt32(c + 44, true) !== 0) return 0;
  const n = v.getInt32(c + 40, true);
  if (n < 4) return 0;
  const pts = c + 48;
  let s = 0;
  let jx = v.getFloat64(pts + 16 * (n - 1), true),
    jy = v.getFloat64(pts + 16 * (n - 1) + 8, true);
  for (let i = 0; i < n; i++) {
    const x = v.getFloat64(pts + 16 * i, true),
      y = v.getFloat64(pts + 16 * i + 8, true);
    s += jx * y - x * jy;
    jx = x;
    jy = y;
  }
  return s / 2 < 0 ? n : 0;
}

/** Which parts of the record (by index) make each polygon of `geometry`, and how many positions they hold. A
 *  function of its own: a closure made next to `parts` would keep the record's decoded rings alive. */
function planOf(parts: Ring[], geometry: Polygon | MultiPolygon): { plan: number[][]; count: number } {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const plan = polys.map((p) => p.map((r) => parts.indexOf(r as Ring)));
  let count = 0;
  for (const p of plan) for (const k of p) count += parts[k].length;
  return { plan, count };
}

/** The geometry assembled from the record at `c` (planOf), read from the .shp bytes (in memory anyway) each
 *  time its coordinates are read (lazy-geometry.ts). */
function shapeFromBytes(v: DataView, c: number, type: 'Polygon' | 'MultiPolygon', plan: number[][], count: number) {
  const read = () => {
    const rings = recordRings(v, c, 0, '');
    return packedMap(plan, (p) => packedMap(p, (k) => rings[k]));
  };
  return type === 'Polygon' ? lazyGeometry(type, () => read()[0], count) : lazyGeometry(type, read, count);
}

/** What ring assembly had to repair, counted per file so the user gets one line per kind, not one per record. */
export interface RingNotes {
  degenerate: number[];
  byContainment: number[];
}

const absArea = (r: Ring) => Math.abs(signedArea(r));

/** Attach each hole to the smallest outer that contains it; undefined if some hole fits no outer. */
function assemble(outers: Ring[], holes: Ring[]): Ring[][] | undefined {
  const polys: Ring[][] = outers.map((o) => [o]);
  const areas = outers.map(absArea);
  for (const h of holes) {
    let best = -1;
    outers.forEach((o, i) => {
      if (ringInRing(h, o) && (best < 0 || areas[i] < areas[best])) best = i;
    });
    if (best < 0) return undefined;
    polys[best].push(h);
  }
  return polys;
}

/** Build a (Multi)Polygon from shapefile parts. Spec: outer rings clockwise, holes counter-clockwise, in any
 *  order. Writers get the orientation wrong (all one way, or reversed), so when orientation gives a hole that
 *  lies in no outer, the record is nested by containment instead (even depth = outer), and noted. */
export function ringsToGeometry(parts: Ring[], rec: number, notes: RingNotes): Polygon | MultiPolygon | null {
  // each ring's area once: its sign says outer (clockwise) or hole; 0 (or under 4 points) is no ring
  const rings: Ring[] = [];
  const outers: Ring[] = [];
  const holes: Ring[] = [];
  for (const r of parts) {
    const a = r.length >= 4 ? signedArea(r) : 0;
    if (a === 0) continue;
    rings.push(r);
    if (a < 0) outers.push(r);
    else if (a > 0) holes.push(r);
  }
  if (rings.length < parts.length) notes.degenerate.push(rec);
  if (!rings.length) return null;
  let polys = assemble(outers, holes);
  if (!polys || !polys.length) {
    notes.byContainment.push(rec);
    let size = 1;
    for (const r of rings) for (const p of r) size = Math.max(size, Math.abs(p[0]), Math.abs(p[1]));
    const nested = nestRings(
      rings.map((pts) => ({ pts, area: absArea(pts), ...ringBBox(pts) })),
      1e-9 * size
    );
    polys = nested.map((n) => [n.shell.pts as Ring, ...n.holes.map((h) => h.pts as Ring)]);
  }
  return polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys };
}

const recList = (r: number[]) =>
  r
    .slice(0, 5)
    .map((n) => `#${n}`)
    .join(', ') + (r.length > 5 ? ` … (${r.length})` : '');

function ringWarnings(base: string, n: RingNotes): Message[] {
  const out: Message[] = [];
  if (n.degenerate.length)
    out.push({
      code: 'shp-degenerate-ring',
      zh: `${base} 记录 ${recList(n.degenerate)}：忽略了少于 4 个点或面积为 0 的环。`,
      en: `${base} records ${recList(n.degenerate)}: ignored rings with under 4 points or zero area.`
    });
  if (n.byContainment.length)
    out.push({
      code: 'shp-ring-orientation',
      zh: `${base} 记录 ${recList(n.byContainment)}：环的方向不符合 Shapefile 规范（外环应为顺时针），已按包含关系判断外环和内环。`,
      en: `${base} records ${recList(n.byContainment)}: ring orientation breaks the shapefile spec (outer rings clockwise); outer rings and holes decided by containment.`
    });
  return out;
}

/** Record and ring counts from the record headers alone, to list every shapefile of the upload. */
function summarise(set: ShapefileSet): { set: ShapefileSet; type: number; info: LayerInfo } {
  const b = set.shp.bytes;
  const type = shpHeaderType(b);
  const info: LayerInfo = { name: set.base, entityCount: 0, closedRings: 0 };
  if (type < 0) return { set, type, info };
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let p = 100; p + 12 <= b.length; p += 8 + v.getInt32(p + 4, false) * 2) {
    if (v.getInt32(p + 4, false) < 2) break;
    info.entityCount++;
    if (POLYGON_TYPES.has(v.getInt32(p + 8, true)) && p + 48 <= b.length) info.closedRings += v.getInt32(p + 44, true);
  }
  return { set, type, info };
}

/** Several .shp in one upload: opts.layer names one; else polygon sets only, a boundary-like name, then the first. */
function chooseSet(sets: ShapefileSet[], opts: ReadOptions, decisions: Decision[]): ShapefileSet {
  if (sets.length === 1) return sets[0];
  const all = sets.map(summarise);
  const names = sets.map((s) => s.base);
  if (opts.layer) {
    const hit =
      sets.find((s) => s.base === opts.layer) ?? sets.find((s) => s.base.toLowerCase() === opts.layer!.toLowerCase());
    if (!hit) {
      throw userError(
        'shp-layer-missing',
        `没有名为“${opts.layer}”的 Shapefile；可选：${names.join('、')}。`,
        `No shapefile named "${opts.layer}"; available: ${names.join(', ')}.`
      );
    }
    decisions.push({
      what: 'shapefile',
      value: hit.base,
      rule: 'user-choice',
      alternatives: names.filter((n) => n !== hit.base)
    });
    return hit;
  }
  const polys = all.filter((a) => POLYGON_TYPES.has(a.type));
  const pool = polys.length ? polys : all;
  const hinted = pool.find((a) => BOUNDARY_NAME_HINTS.test(a.set.base));
  const pick = hinted ?? pool[0];
  decisions.push({
    what: 'shapefile',
    value: pick.set.base,
    rule: hinted ? 'boundary-name' : polys.length ? 'first-polygon-shapefile' : 'first-shapefile',
    alternatives: names.filter((n) => n !== pick.set.base)
  });
  return pick.set;
}

/** Read one shapefile set chosen from the upload; coordinates stay in the source CRS. */
export function readShapefile(sets: ShapefileSet[], opts: ReadOptions): ReadResult {
  const decisions: Decision[] = [];
  const warnings: Message[] = [];
  const set = chooseSet(sets, opts, decisions);
  const shpName = set.shp.name;
  const records = shpRecordStarts(set.shp.bytes, shpName, warnings);
  const shp = set.shp.bytes;
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  let rows: Record<string, unknown>[] = [];
  if (set.dbf) {
    const cpg = set.cpg ? decodeText(set.cpg.bytes, 'latin1') : undefined;
    const table = readDbf(set.dbf.bytes, set.dbf.name, { userChoice: opts.encoding, cpg });
    rows = table.rows;
    decisions.push(table.decision);
    warnings.push(...table.warnings);
    if (rows.length !== records.length) {
      warnings.push({
        code: 'shp-dbf-count',
        zh: `几何记录 ${records.length} 条，属性记录 ${rows.length} 条，数量不一致，按顺序对应。`,
        en: `${records.length} shapes but ${rows.length} attribute rows; matched by position.`
      });
    }
  } else {
    warnings.push({
      code: 'shp-no-dbf',
      zh: `缺少属性表 .dbf（“${set.base}.dbf”），只读取了几何图形，没有属性。`,
      en: `The attribute table .dbf ("${set.base}.dbf") is missing; geometry read without attributes.`
    });
  }
  const features: Feature<Polygon | MultiPolygon, Record<string, unknown>>[] = [];
  let nulls = 0;
  const notes: RingNotes = { degenerate: [], byContainment: [] };
  records.forEach((c, i) => {
    const outer = c >= 0 ? singleOuterRing(view, c) : 0;
    if (outer) {
      features.push({
        type: 'Feature',
        geometry: shapeFromBytes(view, c, 'Polygon', [[0]], outer),
        properties: rows[i] ?? {}
      });
      return;
    }
    const parts = c >= 0 ? recordRings(view, c, i + 1, shpName) : null;
    const geometry = parts ? ringsToGeometry(parts, i + 1, notes) : null;
    if (!geometry) {
      nulls++;
      return;
    }
    // each row is this feature's alone
    const { plan, count } = planOf(parts!, geometry);
    const shape = shapeFromBytes(view, c, geometry.type, plan, count);
    features.push({ type: 'Feature', geometry: shape, properties: rows[i] ?? {} });
  });
  warnings.push(...ringWarnings(set.base, notes));
  if (nulls) {
    warnings.push({
      code: 'shp-null-shapes',
      zh: `${nulls} 条记录没有几何图形，已跳过。`,
      en: `${nulls} record(s) have no geometry; skipped.`
    });
  }
  if (!features.length) {
    throw userError(
      'shp-empty',
      `Shapefile“${shpName}”中没有任何面要素。`,
      `The shapefile "${shpName}" holds no polygon.`
    );
  }
  const result: ReadResult = { format: 'shapefile', features, decisions, warnings, sourceLayer: set.base };
  if (sets.length > 1) {
    result.layers = sets.map((s) => summarise(s).info);
  }
  if (set.prj) {
    const enc = decideTextEncoding(set.prj.bytes);
    result.crsHint = { kind: 'wkt', value: decodeText(set.prj.bytes, enc.encoding).trim(), source: set.prj.name };
  }
  return result;
}
