// dBASE table (.dbf) of a shapefile: header (32 bytes), field descriptors (32 bytes each, ended by 0x0D),
// fixed-width records; text decoded in the encoding decided from the user, the .cpg, the language driver id or
// the bytes (text/encoding.ts). Split from shapefile.ts, which reads the geometry.
import { type Decision, type Message } from '../types.ts';
import { decideDbfEncoding, decodeMany, decodeText } from '../text/encoding.ts';
import { userError } from '../../errors.ts';

/** Encodings in which bytes 0x20 and 0x00 are never part of a multi-byte character. */
const ASCII_SAFE = new Set(['utf-8', 'gbk', 'gb18030', 'big5', 'latin1']);

export interface DbfTable {
  fields: string[];
  rows: Record<string, unknown>[];
  decision: Decision;
  warnings: Message[];
}

/** dBASE table: header (32 bytes), field descriptors (32 bytes each, ended by 0x0D), fixed-width records. */
export function readDbf(bytes: Uint8Array, name: string, enc: { userChoice?: string; cpg?: string }): DbfTable {
  const bad = (why: string) =>
    userError('dbf-corrupt', `属性表“${name}”已损坏（${why}）。`, `The attribute table "${name}" is damaged (${why}).`);
  if (bytes.length < 33) throw bad('header incomplete');
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nRec = v.getUint32(4, true),
    headerLen = v.getUint16(8, true),
    recLen = v.getUint16(10, true);
  const ldid = bytes[29];
  const defs: { raw: Uint8Array; type: string; off: number; len: number }[] = [];
  let off = 1;
  for (let p = 32; p + 32 <= Math.min(headerLen, bytes.length) && bytes[p] !== 0x0d; p += 32) {
    let end = p;
    while (end < p + 11 && bytes[end] !== 0) end++;
    const len = bytes[p + 16];
    defs.push({ raw: bytes.subarray(p, end), type: String.fromCharCode(bytes[p + 11]).toUpperCase(), off, len });
    off += len;
  }
  if (off > recLen && nRec > 0) throw bad('fields longer than the record');
  const count = Math.min(nRec, Math.floor(Math.max(0, bytes.length - headerLen) / Math.max(recLen, 1)));
  const isText = (d: (typeof defs)[number]) => d.type === 'C' || d.type === 'M';
  const field = (r: number, d: (typeof defs)[number]) => headerLen + r * recLen + d.off;
  const chunks = () => {
    const out = defs.map((d) => d.raw);
    for (let r = 0; r < count; r++)
      for (const d of defs) if (isText(d)) out.push(bytes.subarray(field(r, d), field(r, d) + d.len));
    return out;
  };
  const decided = decideDbfEncoding({ userChoice: enc.userChoice, cpg: enc.cpg, ldid, chunks });
  // The text fields' bytes, row by row. Their trailing spaces and NULs are cut below anyway; where 0x20 and 0x00
  // are always characters of their own, not decoding them gives the same text (a 50-byte name field holding
  // 15 bytes: a quarter of the bytes to check and decode).
  const trim = ASCII_SAFE.has(decided.encoding);
  const texts: Uint8Array[] = [];
  for (let r = 0; r < count; r++) {
    for (const d of defs) {
      if (!isText(d)) continue;
      const s = field(r, d);
      let e = s + d.len;
      while (trim && e > s && (bytes[e - 1] === 0x20 || bytes[e - 1] === 0)) e--;
      texts.push(bytes.subarray(s, e));
    }
  }
  const warnings = [...decided.warnings];
  if (count < nRec) {
    warnings.push({
      code: 'dbf-truncated',
      zh: `属性表声明 ${nRec} 条记录，实际只有 ${count} 条。`,
      en: `The attribute table declares ${nRec} records but holds ${count}.`
    });
  }
  const names: string[] = [];
  for (const d of defs) {
    const base = decodeText(d.raw, decided.encoding).trim() || 'FIELD';
    let n = base,
      k = 2;
    while (names.includes(n)) n = `${base}_${k++}`;
    names.push(n);
  }
  const decoded = decodeMany(texts, decided.encoding);
  let t = 0;
  const rows: Record<string, unknown>[] = [];
  for (let r = 0; r < count; r++) {
    const row: Record<string, unknown> = {};
    defs.forEach((d, i) => {
      const s = headerLen + r * recLen + d.off;
      row[names[i]] = isText(d)
        ? decoded[t++].replace(/[\s\0]+$/, '')
        : fieldValue(d.type, bytes.subarray(s, s + d.len));
    });
    rows.push(row);
  }
  return { fields: names, rows, decision: decided.decision, warnings };
}

const LATIN1 = new TextDecoder('latin1');

/** The value of a number field that is a plain integer (digits, a leading minus, spaces around, NULs anywhere):
 *  what the text path below gives, without decoding a string (one per row); undefined for anything else. */
export function plainInteger(raw: Uint8Array): number | undefined {
  let v = 0;
  let digits = 0;
  let neg = false;
  let state = 0; // 0 before the number, 1 in it, 2 after it
  for (let k = 0; k < raw.length; k++) {
    const b = raw[k];
    if (b === 0) continue; // the text path drops NULs wherever they are
    if (b === 0x20) {
      if (state === 1) state = 2;
      continue;
    }
    if (state === 2) return undefined;
    if (b === 0x2d && state === 0) {
      neg = true;
      state = 1;
    } else if (b >= 0x30 && b <= 0x39) {
      state = 1;
      v = v * 10 + (b - 0x30);
      digits++;
    } else return undefined;
  }
  // up to 15 digits every step above is exact, as Number() of the text is
  return digits === 0 || digits > 15 ? undefined : neg ? -v : v;
}

/** A field that is not text (C or M): numbers, logicals, dates. */
function fieldValue(type: string, raw: Uint8Array): unknown {
  if (type === 'N' || type === 'F') {
    const v = plainInteger(raw);
    if (v !== undefined) return v;
  }
  const s = LATIN1.decode(raw).replace(/\0/g, '').trim();
  if (type === 'N' || type === 'F') {
    if (!s || /^\*+$/.test(s)) return null;
    const n = Number(s);
    return Number.isFinite(n) ? n : null;
  }
  if (type === 'L') return /^[TtYy]$/.test(s) ? true : /^[FfNn]$/.test(s) ? false : null;
  if (type === 'D') return /^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` : s || null;
  return s || null;
}
