// Minimal ESRI shapefile writer (.shp/.shx/.dbf) for tests with known answers, written from the ESRI
// Shapefile Technical Description (1998) and the dBASE III+ layout; also the seed of a future exporter.
import iconv from 'iconv-lite';

export type Ring = [number, number][];
/** One record: a list of rings (shapefile parts), or null for a Null shape. */
export type ShpRecord = Ring[] | null;

function bbox(points: [number, number][]): [number, number, number, number] {
  if (!points.length) return [0, 0, 0, 0];
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) { b[0] = Math.min(b[0], x); b[1] = Math.min(b[1], y); b[2] = Math.max(b[2], x); b[3] = Math.max(b[3], y); }
  return b;
}

function recordContent(rec: ShpRecord, type: number): Uint8Array {
  if (!rec) { const b = new Uint8Array(4); return b; }
  const pts = rec.flat();
  const hasZ = type === 15, hasM = type === 15 || type === 25;
  const n = pts.length, np = rec.length;
  const size = 44 + 4 * np + 16 * n + (hasZ ? 16 + 8 * n : 0) + (hasM ? 16 + 8 * n : 0);
  const b = new Uint8Array(size), v = new DataView(b.buffer);
  v.setInt32(0, type, true);
  bbox(pts).forEach((x, i) => v.setFloat64(4 + 8 * i, x, true));
  v.setInt32(36, np, true); v.setInt32(40, n, true);
  let start = 0;
  rec.forEach((r, i) => { v.setInt32(44 + 4 * i, start, true); start += r.length; });
  let o = 44 + 4 * np;
  for (const p of pts) { v.setFloat64(o, p[0], true); v.setFloat64(o + 8, p[1], true); o += 16; }
  // Z then M blocks: range + values. Z = 7 + index, M = 100 + index, so a reader that kept them would be caught.
  if (hasZ) { v.setFloat64(o, 7, true); v.setFloat64(o + 8, 7 + n, true); o += 16; for (let i = 0; i < n; i++, o += 8) v.setFloat64(o, 7 + i, true); }
  if (hasM) { v.setFloat64(o, 100, true); v.setFloat64(o + 8, 100 + n, true); o += 16; for (let i = 0; i < n; i++, o += 8) v.setFloat64(o, 100 + i, true); }
  return b;
}

/** .shp and .shx for the records; `type` 5 Polygon, 15 PolygonZ, 25 PolygonM, 3 PolyLine, 1 Point… */
export function writeShp(records: ShpRecord[], type = 5): { shp: Uint8Array; shx: Uint8Array } {
  const contents = records.map((r) => recordContent(r, type));
  const shpLen = 100 + contents.reduce((n, c) => n + 8 + c.length, 0);
  const shp = new Uint8Array(shpLen), shx = new Uint8Array(100 + 8 * records.length);
  const all = records.flatMap((r) => r?.flat() ?? []);
  for (const [buf, len] of [[shp, shpLen], [shx, shx.length]] as const) {
    const v = new DataView(buf.buffer);
    v.setInt32(0, 9994, false); v.setInt32(24, len / 2, false); v.setInt32(28, 1000, true); v.setInt32(32, type, true);
    bbox(all).forEach((x, i) => v.setFloat64(36 + 8 * i, x, true));
  }
  const sv = new DataView(shp.buffer), xv = new DataView(shx.buffer);
  let o = 100;
  contents.forEach((c, i) => {
    xv.setInt32(100 + 8 * i, o / 2, false); xv.setInt32(104 + 8 * i, c.length / 2, false);
    sv.setInt32(o, i + 1, false); sv.setInt32(o + 4, c.length / 2, false);
    shp.set(c, o + 8);
    o += 8 + c.length;
  });
  return { shp, shx };
}

export interface DbfField { name: string; type: 'C' | 'N'; length: number; decimals?: number }

/** dBASE III table; text encoded with `encoding` (iconv name), byte 29 = language driver id `ldid`. */
export function writeDbf(fields: DbfField[], rows: (string | number | null)[][], encoding = 'utf-8', ldid = 0): Uint8Array {
  const enc = (s: string) => new Uint8Array(iconv.encode(s, encoding));
  const headerLen = 32 + 32 * fields.length + 1;
  const recLen = 1 + fields.reduce((n, f) => n + f.length, 0);
  const b = new Uint8Array(headerLen + recLen * rows.length + 1).fill(0);
  const v = new DataView(b.buffer);
  b[0] = 0x03; b[1] = 125; b[2] = 1; b[3] = 1;
  v.setUint32(4, rows.length, true); v.setUint16(8, headerLen, true); v.setUint16(10, recLen, true);
  b[29] = ldid;
  fields.forEach((f, i) => {
    const p = 32 + 32 * i;
    b.set(enc(f.name).subarray(0, 10), p);
    b[p + 11] = f.type.charCodeAt(0); b[p + 16] = f.length; b[p + 17] = f.decimals ?? 0;
  });
  b[headerLen - 1] = 0x0d;
  rows.forEach((row, r) => {
    let p = headerLen + r * recLen;
    b[p++] = 0x20;
    fields.forEach((f, i) => {
      const cell = new Uint8Array(f.length).fill(0x20);
      const val = row[i];
      if (val !== null && val !== undefined) {
        const bytes = f.type === 'N' ? enc(String(val).padStart(f.length)) : enc(String(val));
        cell.set(bytes.subarray(0, f.length));
      }
      b.set(cell, p);
      p += f.length;
    });
  });
  b[b.length - 1] = 0x1a;
  return b;
}
