// ESRI Shapefile writer for polygon layers (ESRI Shapefile Technical Description, 1998; dBASE III header).
// Text attributes are written in UTF-8 and declared by a .cpg file, so GIS tools read the Chinese names
// without guessing; the .prj carries the CGCS2000 geographic CRS in ESRI WKT1.
import { zipSync, strToU8 } from 'fflate';
import { signedArea } from '../../geo/planar.ts';

type Ring = number[][];
export interface ShpRecord { polygons: Ring[][]; attributes: Record<string, string | number | null> }
export interface DbfField { name: string; type: 'C' | 'N'; length: number; decimals?: number }

/** CGCS2000 geographic (EPSG:4490) as ArcGIS writes it. */
export const CGCS2000_PRJ =
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

/** Shapefile rings: outer clockwise, holes counter-clockwise (the reverse of GeoJSON's RFC 7946 order). */
function orient(r: Ring, outer: boolean): Ring {
  const closed = r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1] ? r : [...r, r[0]];
  const cw = signedArea(closed) < 0;
  return cw === outer ? closed : [...closed].reverse();
}

/** UTF-8 text cut at a character boundary so it fits the field's byte length. */
function fit(text: string, bytes: number): Uint8Array {
  const enc = new TextEncoder();
  let out = enc.encode(text);
  if (out.length <= bytes) return out;
  let s = text;
  while (out.length > bytes) { s = [...s].slice(0, -1).join(''); out = enc.encode(s); }
  return out;
}

function shpAndShx(records: ShpRecord[]) {
  const recs = records.map((r) => r.polygons.flatMap((poly) => poly.map((ring, i) => orient(ring, i === 0))));
  const contentLen = recs.map((rings) => 44 + 4 * rings.length + 16 * rings.reduce((a, r) => a + r.length, 0));
  const shp = Buffer.alloc(100 + contentLen.reduce((a, c) => a + 8 + c, 0));
  const shx = Buffer.alloc(100 + 8 * records.length);
  const all = recs.flat(2);
  const bbox = all.length
    ? [Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))]
    : [0, 0, 0, 0];
  for (const buf of [shp, shx]) {
    buf.writeInt32BE(9994, 0);
    buf.writeInt32BE(buf.length / 2, 24);
    buf.writeInt32LE(1000, 28);
    buf.writeInt32LE(5, 32); // polygon
    bbox.forEach((v, i) => buf.writeDoubleLE(v, 36 + 8 * i));
  }
  let o = 100;
  recs.forEach((rings, i) => {
    shx.writeInt32BE(o / 2, 100 + 8 * i);
    shx.writeInt32BE(contentLen[i] / 2, 104 + 8 * i);
    shp.writeInt32BE(i + 1, o);
    shp.writeInt32BE(contentLen[i] / 2, o + 4);
    let p = o + 8;
    shp.writeInt32LE(5, p);
    const pts = rings.flat();
    [Math.min(...pts.map((q) => q[0])), Math.min(...pts.map((q) => q[1])), Math.max(...pts.map((q) => q[0])), Math.max(...pts.map((q) => q[1]))].forEach((v, k) => shp.writeDoubleLE(v, p + 4 + 8 * k));
    shp.writeInt32LE(rings.length, p + 36);
    shp.writeInt32LE(pts.length, p + 40);
    p += 44;
    let start = 0;
    for (const r of rings) { shp.writeInt32LE(start, p); p += 4; start += r.length; }
    for (const [x, y] of pts) { shp.writeDoubleLE(x, p); shp.writeDoubleLE(y, p + 8); p += 16; }
    o = p;
  });
  return { shp, shx };
}

function dbf(records: ShpRecord[], fields: DbfField[]): Buffer {
  const recLen = 1 + fields.reduce((s, f) => s + f.length, 0);
  const hdrLen = 32 + 32 * fields.length + 1;
  const buf = Buffer.alloc(hdrLen + recLen * records.length + 1, 0x20);
  buf.fill(0, 0, hdrLen);
  const now = new Date();
  buf.writeUInt8(0x03, 0);
  buf.writeUInt8(now.getUTCFullYear() - 1900, 1);
  buf.writeUInt8(now.getUTCMonth() + 1, 2);
  buf.writeUInt8(now.getUTCDate(), 3);
  buf.writeUInt32LE(records.length, 4);
  buf.writeUInt16LE(hdrLen, 8);
  buf.writeUInt16LE(recLen, 10);
  buf.writeUInt8(0x00, 29); // no language driver: the .cpg says UTF-8
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    buf.write(f.name.slice(0, 10), at, 'ascii');
    buf.write(f.type, at + 11, 'ascii');
    buf.writeUInt8(f.length, at + 16);
    buf.writeUInt8(f.decimals ?? 0, at + 17);
  });
  buf.writeUInt8(0x0d, hdrLen - 1);
  records.forEach((r, i) => {
    let at = hdrLen + i * recLen;
    buf.writeUInt8(0x20, at++);
    for (const f of fields) {
      const v = r.attributes[f.name];
      if (f.type === 'N') {
        const s = v === null || v === undefined || v === '' ? '' : Number(v).toFixed(f.decimals ?? 0);
        buf.write(s.padStart(f.length).slice(-f.length), at, 'ascii');
      } else {
        const bytes = fit(v === null || v === undefined ? '' : String(v), f.length);
        Buffer.from(bytes).copy(buf, at);
      }
      at += f.length;
    }
  });
  buf.writeUInt8(0x1a, buf.length - 1);
  return buf;
}

/** A zipped shapefile: <base>.shp/.shx/.dbf/.prj/.cpg. */
export function zippedShapefile(base: string, records: ShpRecord[], fields: DbfField[], prj: string = CGCS2000_PRJ): Uint8Array {
  const { shp, shx } = shpAndShx(records);
  return zipSync({
    [`${base}.shp`]: new Uint8Array(shp),
    [`${base}.shx`]: new Uint8Array(shx),
    [`${base}.dbf`]: new Uint8Array(dbf(records, fields)),
    [`${base}.prj`]: strToU8(prj),
    [`${base}.cpg`]: strToU8('UTF-8')
  });
}
