// The one ESRI Shapefile writer (ESRI Shapefile Technical Description, 1998; dBASE III header): the export
// (zippedShapefile: polygons oriented, UTF-8 text declared by a .cpg, the CGCS2000 .prj), and the parts it is
// made of — writeShp and writeDbf — which the tests and the ingest benchmark use to build inputs with known
// answers (any shape type and text encoding, parts as given, text cut at a byte).
import { zipSync, strToU8 } from 'fflate';
import iconv from 'iconv-lite';
import { signedArea } from '../../geo/planar.ts';

export type Ring = number[][];
/** One shape: its parts (rings), or null for a Null shape. */
export type ShpShape = Ring[] | null;
export interface ShpRecord {
  polygons: Ring[][];
  attributes: Record<string, string | number | null>;
}
export interface DbfField {
  name: string;
  type: 'C' | 'N';
  length: number;
  decimals?: number;
}
export type DbfValue = string | number | null | undefined;

/** CGCS2000 geographic (EPSG:4490) as ArcGIS writes it. */
export const CGCS2000_PRJ =
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

/** Shapefile rings: outer clockwise, holes counter-clockwise (the reverse of GeoJSON's RFC 7946 order), closed. */
function orient(r: Ring, outer: boolean): Ring {
  const closed = r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1] ? r : [...r, r[0]];
  const cw = signedArea(closed) < 0;
  return cw === outer ? closed : [...closed].reverse();
}

/** A polygon's rings (outer first, then holes) as a shapefile writes them: closed, outer clockwise, holes not. */
export const orientPolygon = (rings: Ring[]): Ring[] => rings.map((r, i) => orient(r, i === 0));

function bbox(points: Ring): [number, number, number, number] {
  if (!points.length) return [0, 0, 0, 0];
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    b[0] = Math.min(b[0], x);
    b[1] = Math.min(b[1], y);
    b[2] = Math.max(b[2], x);
    b[3] = Math.max(b[3], y);
  }
  return b;
}

/** Z and M values of the shape's i-th point, for the Z (13, 15, 18) and M (23, 25, 28, and Z types) blocks. */
export interface ZmValues {
  z?: (i: number) => number;
  m?: (i: number) => number;
}

function shapeContent(shape: ShpShape, type: number, zm: ZmValues): Buffer {
  if (!shape) return Buffer.alloc(4); // Null shape: type 0
  const pts = shape.flat();
  const hasZ = type === 13 || type === 15 || type === 18;
  const hasM = hasZ || type === 23 || type === 25 || type === 28;
  const n = pts.length;
  const b = Buffer.alloc(44 + 4 * shape.length + 16 * n + (hasZ ? 16 + 8 * n : 0) + (hasM ? 16 + 8 * n : 0));
  b.writeInt32LE(type, 0);
  bbox(pts).forEach((v, k) => b.writeDoubleLE(v, 4 + 8 * k));
  b.writeInt32LE(shape.length, 36);
  b.writeInt32LE(n, 40);
  let o = 44;
  let start = 0;
  for (const r of shape) {
    b.writeInt32LE(start, o);
    o += 4;
    start += r.length;
  }
  for (const [x, y] of pts) {
    b.writeDoubleLE(x, o);
    b.writeDoubleLE(y, o + 8);
    o += 16;
  }
  // Z then M: the range, then one value per point.
  for (const [on, f] of [
    [hasZ, zm.z],
    [hasM, zm.m]
  ] as const) {
    if (!on) continue;
    const values = pts.map((_, i) => f?.(i) ?? 0);
    b.writeDoubleLE(Math.min(...values), o);
    b.writeDoubleLE(Math.max(...values), o + 8);
    o += 16;
    for (const v of values) {
      b.writeDoubleLE(v, o);
      o += 8;
    }
  }
  return b;
}

/** .shp and .shx of the shapes, parts written as given; `type` 5 Polygon, 15 PolygonZ, 25 PolygonM, 3 PolyLine… */
export function writeShp(shapes: ShpShape[], type = 5, zm: ZmValues = {}): { shp: Buffer; shx: Buffer } {
  const contents = shapes.map((s) => shapeContent(s, type, zm));
  const shp = Buffer.alloc(100 + contents.reduce((a, c) => a + 8 + c.length, 0));
  const shx = Buffer.alloc(100 + 8 * shapes.length);
  const box = bbox(shapes.flatMap((s) => s?.flat() ?? []));
  for (const buf of [shp, shx]) {
    buf.writeInt32BE(9994, 0);
    buf.writeInt32BE(buf.length / 2, 24);
    buf.writeInt32LE(1000, 28);
    buf.writeInt32LE(type, 32);
    box.forEach((v, i) => buf.writeDoubleLE(v, 36 + 8 * i));
  }
  let o = 100;
  contents.forEach((c, i) => {
    shx.writeInt32BE(o / 2, 100 + 8 * i);
    shx.writeInt32BE(c.length / 2, 104 + 8 * i);
    shp.writeInt32BE(i + 1, o);
    shp.writeInt32BE(c.length / 2, o + 4);
    c.copy(shp, o + 8);
    o += 8 + c.length;
  });
  return { shp, shx };
}

export interface DbfOptions {
  /** The text encoding (an iconv-lite name); UTF-8 unless said. */
  encoding?: string;
  /** Byte 29, the language driver id (0: none; 0x4D: code page 936). */
  ldid?: number;
  /** Text longer than its field is cut at a character boundary, or at the byte (as some tools do). */
  cut?: 'character' | 'byte';
  /** The header's last-update date (today unless given). */
  date?: Date;
}

/** Text encoded and cut so it fits the field's byte length. */
function fit(text: string, bytes: number, encoding: string, cut: 'character' | 'byte'): Buffer {
  let out = iconv.encode(text, encoding);
  if (out.length <= bytes) return out;
  if (cut === 'byte') return out.subarray(0, bytes);
  let chars = [...text];
  while (out.length > bytes) {
    chars = chars.slice(0, -1);
    out = iconv.encode(chars.join(''), encoding);
  }
  return out;
}

/** A dBASE III table of `rows` (one value per field, in field order). */
export function writeDbf(fields: DbfField[], rows: DbfValue[][], opts: DbfOptions = {}): Buffer {
  const encoding = opts.encoding ?? 'utf-8';
  const recLen = 1 + fields.reduce((s, f) => s + f.length, 0);
  const hdrLen = 32 + 32 * fields.length + 1;
  const buf = Buffer.alloc(hdrLen + recLen * rows.length + 1, 0x20);
  buf.fill(0, 0, hdrLen);
  const date = opts.date ?? new Date();
  buf.writeUInt8(0x03, 0);
  buf.writeUInt8(date.getUTCFullYear() - 1900, 1);
  buf.writeUInt8(date.getUTCMonth() + 1, 2);
  buf.writeUInt8(date.getUTCDate(), 3);
  buf.writeUInt32LE(rows.length, 4);
  buf.writeUInt16LE(hdrLen, 8);
  buf.writeUInt16LE(recLen, 10);
  buf.writeUInt8(opts.ldid ?? 0, 29);
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    iconv.encode(f.name, encoding).subarray(0, 10).copy(buf, at);
    buf.write(f.type, at + 11, 'ascii');
    buf.writeUInt8(f.length, at + 16);
    buf.writeUInt8(f.decimals ?? 0, at + 17);
  });
  buf.writeUInt8(0x0d, hdrLen - 1);
  rows.forEach((row, r) => {
    let at = hdrLen + r * recLen + 1; // the first byte: ' ' (not deleted)
    fields.forEach((f, k) => {
      const v = row[k];
      if (f.type === 'N') {
        const s = v === null || v === undefined || v === '' ? '' : Number(v).toFixed(f.decimals ?? 0);
        buf.write(s.padStart(f.length).slice(-f.length), at, 'ascii');
      } else {
        fit(v === null || v === undefined ? '' : String(v), f.length, encoding, opts.cut ?? 'character').copy(buf, at);
      }
      at += f.length;
    });
  });
  buf.writeUInt8(0x1a, buf.length - 1);
  return buf;
}

/** A zipped shapefile: <base>.shp/.shx/.dbf/.prj/.cpg, polygons oriented, text in UTF-8. */
export function zippedShapefile(
  base: string,
  records: ShpRecord[],
  fields: DbfField[],
  prj: string = CGCS2000_PRJ
): Uint8Array {
  const { shp, shx } = writeShp(records.map((r) => r.polygons.flatMap(orientPolygon)));
  const dbf = writeDbf(
    fields,
    records.map((r) => fields.map((f) => r.attributes[f.name]))
  );
  return zipSync({
    [`${base}.shp`]: new Uint8Array(shp),
    [`${base}.shx`]: new Uint8Array(shx),
    [`${base}.dbf`]: new Uint8Array(dbf),
    [`${base}.prj`]: strToU8(prj),
    [`${base}.cpg`]: strToU8('UTF-8')
  });
}
