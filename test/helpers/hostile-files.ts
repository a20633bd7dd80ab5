// Hostile uploads (issue #11): files that once killed or froze the server, generated here so that no binary
// fixture is needed. Each is small on the wire and enormous (or endless) when read naively.
import { deflateSync } from 'fflate';

const enc = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
/** DXF group pairs, one per line, minimal whitespace (how the byte counts in the issue were reached). */
const dxf = (...pairs: (string | number)[]) => enc(pairs.map(String).join('\n') + '\n');

/** 151 bytes: an ELLIPSE whose end parameter is 10,000,000 radians (1.6 million turns). */
export function ellipseBomb(): Uint8Array {
  return dxf(
    0,
    'SECTION',
    2,
    'ENTITIES',
    0,
    'ELLIPSE',
    8,
    0,
    10,
    0,
    20,
    0,
    30,
    0,
    11,
    100,
    21,
    0,
    31,
    0,
    40,
    0.5,
    41,
    0,
    42,
    10000000,
    0,
    'ENDSEC',
    0,
    'EOF'
  );
}

/** ~276 bytes: a MINSERT of 40,000 × 40,000 copies of a block holding a circle. */
export function minsertBomb(): Uint8Array {
  return dxf(
    0,
    'SECTION',
    2,
    'BLOCKS',
    0,
    'BLOCK',
    8,
    0,
    2,
    'B',
    70,
    0,
    10,
    0,
    20,
    0,
    30,
    0,
    3,
    'B',
    0,
    'CIRCLE',
    8,
    0,
    10,
    0,
    20,
    0,
    30,
    0,
    40,
    1,
    0,
    'ENDBLK',
    8,
    0,
    0,
    'ENDSEC',
    0,
    'SECTION',
    2,
    'ENTITIES',
    0,
    'INSERT',
    8,
    0,
    2,
    'B',
    10,
    0,
    20,
    0,
    30,
    0,
    44,
    3,
    45,
    3,
    70,
    40000,
    71,
    40000,
    0,
    'ENDSEC',
    0,
    'EOF'
  );
}

/** ~4 KB: 8 levels of blocks, each inserting the level below 10 times (10⁸ circles when expanded). */
export function nestedInsertBomb(levels = 8, fan = 10): Uint8Array {
  const parts: (string | number)[] = [0, 'SECTION', 2, 'BLOCKS'];
  parts.push(
    0,
    'BLOCK',
    8,
    0,
    2,
    'L0',
    70,
    0,
    10,
    0,
    20,
    0,
    30,
    0,
    0,
    'CIRCLE',
    8,
    0,
    10,
    0,
    20,
    0,
    30,
    0,
    40,
    1,
    0,
    'ENDBLK',
    8,
    0
  );
  for (let l = 1; l <= levels; l++) {
    parts.push(0, 'BLOCK', 8, 0, 2, `L${l}`, 70, 0, 10, 0, 20, 0, 30, 0);
    for (let i = 0; i < fan; i++) parts.push(0, 'INSERT', 8, 0, 2, `L${l - 1}`, 10, i * 3, 20, 0, 30, 0);
    parts.push(0, 'ENDBLK', 8, 0);
  }
  parts.push(
    0,
    'ENDSEC',
    0,
    'SECTION',
    2,
    'ENTITIES',
    0,
    'INSERT',
    8,
    0,
    2,
    `L${levels}`,
    10,
    0,
    20,
    0,
    30,
    0,
    0,
    'ENDSEC',
    0,
    'EOF'
  );
  return dxf(...parts);
}

/** A SPLINE of degree 2000 with 2,001 control points (de Boor: 2000² work per sample). */
export function splineBomb(degree = 2000): Uint8Array {
  const n = degree + 1;
  const parts: (string | number)[] = [
    0,
    'SECTION',
    2,
    'ENTITIES',
    0,
    'SPLINE',
    8,
    0,
    70,
    8,
    71,
    degree,
    72,
    n + degree + 1,
    73,
    n,
    74,
    0
  ];
  for (let i = 0; i < n + degree + 1; i++) parts.push(40, i < n ? 0 : 1);
  for (let i = 0; i < n; i++) parts.push(10, i, 20, i % 2, 30, 0);
  parts.push(0, 'ENDSEC', 0, 'EOF');
  return dxf(...parts);
}

/** KML with `depth` nested <Folder> elements (a recursive reader overflows its stack). */
export function deepKml(depth = 100_000): Uint8Array {
  return enc(
    `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>${'<Folder>'.repeat(depth)}${'</Folder>'.repeat(depth)}</Document></kml>`
  );
}

/** A FeatureCollection of `n` copies of one small polygon (91 bytes each: 1e6 features ≈ 91 MB),
 *  written with Buffer.fill so that generating it takes milliseconds. */
export function manyFeaturesGeoJson(n = 1_000_000): Uint8Array {
  const head = '{"type":"FeatureCollection","features":[';
  const one = '{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,1],[0,0]]]}},';
  const out = Buffer.alloc(head.length + n * one.length + 1);
  out.write(head, 0);
  out.fill(one, head.length, head.length + n * one.length);
  out.write(']}', head.length + n * one.length - 1); // replaces the last comma
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

// --- zip of zips: written by hand so that no 100 MB buffer is ever built here ---

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(b: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

interface RawEntry {
  name: string;
  data: Uint8Array;
  method: 0 | 8;
  crc: number;
  usize: number;
}

function zipOf(entries: RawEntry[]): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x800, 6);
    h.writeUInt16LE(e.method, 8);
    h.writeUInt32LE(e.crc, 14);
    h.writeUInt32LE(e.data.length, 18);
    h.writeUInt32LE(e.usize, 22);
    h.writeUInt16LE(name.length, 26);
    chunks.push(h, name, Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength));
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x800, 8);
    c.writeUInt16LE(e.method, 10);
    c.writeUInt32LE(e.crc, 16);
    c.writeUInt32LE(e.data.length, 20);
    c.writeUInt32LE(e.usize, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, cd, end]));
}

/** A zip of `inner` zips, each holding `members` × 1 MB of zeros (under the per-member ratio check, which
 *  spares members ≤ 1 MB): ~`inner × members` MB when fully expanded. With one budget per upload the second
 *  inner zip is refused; with one per zip each got its own 200 MB. */
export function zipOfZips(inner = 4, members = 120): Uint8Array {
  const mb = new Uint8Array(1024 * 1024);
  const deflated = deflateSync(mb, { level: 9 });
  const crc = crc32(mb);
  const innerZip = zipOf(
    Array.from({ length: members }, (_, i) => ({
      name: `part${i}.bin`,
      data: deflated,
      method: 8 as const,
      crc,
      usize: mb.length
    }))
  );
  const innerDeflated = deflateSync(innerZip, { level: 9 });
  const innerCrc = crc32(innerZip);
  return zipOf(
    Array.from({ length: inner }, (_, i) => ({
      name: `inner${i}.zip`,
      data: innerDeflated,
      method: 8 as const,
      crc: innerCrc,
      usize: innerZip.length
    }))
  );
}

/** A legal but huge DXF: one closed LWPOLYLINE per 1,000 vertices, `vertices` in all (5M ≈ 110 MB). */
export function bigDxf(vertices: number, x0 = 40500000, y0 = 3450000): Uint8Array {
  const lines: string[] = ['0', 'SECTION', '2', 'ENTITIES'];
  for (let p = 0; p * 1000 < vertices; p++) {
    const n = Math.min(1000, vertices - p * 1000);
    lines.push('0', 'LWPOLYLINE', '8', 'RED', '90', String(n), '70', '1');
    const cx = x0 + (p % 100) * 50,
      cy = y0 + Math.floor(p / 100) * 50;
    for (let i = 0; i < n; i++) {
      const a = (2 * Math.PI * i) / n;
      lines.push('10', (cx + 20 * Math.cos(a)).toFixed(3), '20', (cy + 20 * Math.sin(a)).toFixed(3));
    }
  }
  lines.push('0', 'ENDSEC', '0', 'EOF');
  return enc(lines.join('\n') + '\n');
}
