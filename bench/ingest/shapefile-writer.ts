// A small ESRI Shapefile writer (polygons + one text and one numeric attribute) for benchmark fixtures.
// Layout from the "ESRI Shapefile Technical Description" (1998) and dBASE III+ headers.
import iconv from 'iconv-lite';

export type Ring = [number, number][];
export interface PolygonRecord { rings: Ring[]; id: number; name: string }

function ringSigned(r: Ring): number {
  let s = 0;
  for (let i = 0; i < r.length - 1; i++) s += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1];
  return s / 2;
}

/** Shapefile rings: outer clockwise, holes counter-clockwise, closed. */
function orient(r: Ring, outer: boolean): Ring {
  const closed = r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1] ? r : [...r, r[0]];
  const cw = ringSigned(closed) < 0;
  return cw === outer ? closed : closed.slice().reverse();
}

export function writeShapefile(polys: PolygonRecord[], prj: string): { shp: Uint8Array; shx: Uint8Array; dbf: Uint8Array; prj: Uint8Array; cpg: Uint8Array } {
  const recs = polys.map((p) => p.rings.map((r, i) => orient(r, i === 0)));
  const contentLen = recs.map((rings) => 44 + 4 * rings.length + 16 * rings.reduce((a, r) => a + r.length, 0));
  const shpLen = 100 + contentLen.reduce((a, c) => a + 8 + c, 0);
  const shp = Buffer.alloc(shpLen);
  const shx = Buffer.alloc(100 + 8 * polys.length);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const rings of recs) for (const r of rings) for (const [x, y] of r) {
    minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  for (const [buf, len] of [[shp, shpLen], [shx, shx.length]] as const) {
    buf.writeInt32BE(9994, 0);
    buf.writeInt32BE(len / 2, 24);
    buf.writeInt32LE(1000, 28);
    buf.writeInt32LE(5, 32);
    buf.writeDoubleLE(minX, 36); buf.writeDoubleLE(minY, 44); buf.writeDoubleLE(maxX, 52); buf.writeDoubleLE(maxY, 60);
  }
  let o = 100;
  recs.forEach((rings, i) => {
    shx.writeInt32BE(o / 2, 100 + 8 * i);
    shx.writeInt32BE(contentLen[i] / 2, 104 + 8 * i);
    shp.writeInt32BE(i + 1, o); shp.writeInt32BE(contentLen[i] / 2, o + 4);
    let p = o + 8;
    shp.writeInt32LE(5, p);
    let a = Infinity, b = Infinity, c = -Infinity, d = -Infinity;
    for (const r of rings) for (const [x, y] of r) { a = Math.min(a, x); c = Math.max(c, x); b = Math.min(b, y); d = Math.max(d, y); }
    shp.writeDoubleLE(a, p + 4); shp.writeDoubleLE(b, p + 12); shp.writeDoubleLE(c, p + 20); shp.writeDoubleLE(d, p + 28);
    const n = rings.reduce((s, r) => s + r.length, 0);
    shp.writeInt32LE(rings.length, p + 36); shp.writeInt32LE(n, p + 40);
    p += 44;
    let start = 0;
    for (const r of rings) { shp.writeInt32LE(start, p); p += 4; start += r.length; }
    for (const r of rings) for (const [x, y] of r) { shp.writeDoubleLE(x, p); shp.writeDoubleLE(y, p + 8); p += 16; }
    o = p;
  });
  // DBF: ID N(10), NAME C(40) in GBK (declared by .cpg, language driver 0x4D = CP936).
  const fields = [{ name: 'ID', type: 'N', len: 10 }, { name: 'NAME', type: 'C', len: 40 }];
  const recLen = 1 + fields.reduce((s, f) => s + f.len, 0);
  const hdrLen = 32 + 32 * fields.length + 1;
  const dbf = Buffer.alloc(hdrLen + recLen * polys.length + 1, 0x20);
  dbf.fill(0, 0, hdrLen);
  dbf[0] = 0x03; dbf[1] = 120; dbf[2] = 1; dbf[3] = 1;
  dbf.writeUInt32LE(polys.length, 4); dbf.writeUInt16LE(hdrLen, 8); dbf.writeUInt16LE(recLen, 10); dbf[29] = 0x4d;
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    dbf.write(f.name, at, 'latin1'); dbf.write(f.type, at + 11, 'latin1'); dbf[at + 16] = f.len;
  });
  dbf[hdrLen - 1] = 0x0d;
  polys.forEach((p, i) => {
    const at = hdrLen + i * recLen;
    dbf[at] = 0x20;
    dbf.write(String(p.id).padStart(10), at + 1, 'latin1');
    const name = iconv.encode(p.name, 'gbk').subarray(0, 40);
    name.copy(dbf, at + 11);
  });
  dbf[dbf.length - 1] = 0x1a;
  return { shp, shx, dbf, prj: Buffer.from(prj), cpg: Buffer.from('GBK') };
}
