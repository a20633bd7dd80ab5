// Tiny zip writer (PKWARE APPNOTE.TXT §4.3) giving tests control over what real tools do and attackers try:
// legacy (GBK) names without the UTF-8 flag, lying declared sizes, traversal names.
import { deflateSync } from 'fflate';

export interface ZipMember {
  name: string | Uint8Array;
  data: Uint8Array;
  /** 0 stored, 8 deflate (default). */
  method?: 0 | 8;
  /** Set general-purpose bit 11 (name is UTF-8); default true for string names. */
  utf8Flag?: boolean;
  /** Override the declared uncompressed size (to lie, as a bomb does). */
  declaredSize?: number;
  /** Use these bytes as the compressed payload instead of compressing `data`. */
  rawPayload?: Uint8Array;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
export function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function makeZip(members: ZipMember[]): Uint8Array {
  const locals: Uint8Array[] = [],
    centrals: Uint8Array[] = [];
  let offset = 0;
  for (const m of members) {
    const name = typeof m.name === 'string' ? new TextEncoder().encode(m.name) : m.name;
    const method = m.method ?? 8;
    const payload = m.rawPayload ?? (method === 8 ? deflateSync(m.data) : m.data);
    const flags = (m.utf8Flag ?? typeof m.name === 'string') ? 0x800 : 0;
    const usize = m.declaredSize ?? m.data.length,
      crc = crc32(m.data);
    const local = new Uint8Array(30 + name.length + payload.length),
      lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, flags, true);
    lv.setUint16(8, method, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, payload.length, true);
    lv.setUint32(22, usize, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    local.set(payload, 30 + name.length);
    const cen = new Uint8Array(46 + name.length),
      cv = new DataView(cen.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, flags, true);
    cv.setUint16(10, method, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, payload.length, true);
    cv.setUint32(24, usize, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    cen.set(name, 46);
    locals.push(local);
    centrals.push(cen);
    offset += local.length;
  }
  const cdSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22),
    ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, members.length, true);
  ev.setUint16(10, members.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + cdSize + 22);
  let p = 0;
  for (const part of [...locals, ...centrals, end]) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}
