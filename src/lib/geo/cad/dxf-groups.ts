// DXF group-code readers: the file as a stream of (code, value) pairs, ASCII or binary.
// We read groups ourselves rather than through dxf-parser: it has no HATCH, ignores extrusion and is slower
// than GDAL on large files (DESIGN.md, "Libraries: what they do not do"). Reference: AutoCAD DXF Reference,
// "Group Code Value Types" and "Binary DXF Files".
import { UserError, userError } from '../../errors.ts';

export interface GroupReader {
  /** Advance to the next pair; false at the end of the data. */
  next(): boolean;
  code: number;
  /** String value (for binary numeric groups: ''). */
  value: string;
  /** Numeric value of the current pair (NaN when it is not a number). */
  num(): number;
  /** True when the data ended in the middle of a pair. */
  truncated: boolean;
}

function truncatedError(): UserError {
  return userError(
    'dxf_truncated',
    'DXF 文件不完整（在一组数据中间结束），可能上传或导出被中断：请重新导出或重新上传。',
    'The DXF file ends in the middle of a group: the export or upload was cut off. Export or upload it again.'
  );
}

/** How much of the file is decoded at a time (extended to the end of its last line). 64 KB, not 1 MB: each
 *  1 MB piece was a 2 MB string in V8's large-object space and a 2 MB buffer of the ICU decoder, and the
 *  100k-entity DXF peaked ~10 MB higher (malloc keeps what such buffers leave); no slower. */
const DECODE_CHUNK_BYTES = 1 << 16;

/**
 * ASCII DXF: lines alternate group code and value; values may be space-padded (old writers) or CRLF.
 * The bytes are decoded about 64 KB at a time, each piece ending at a line end, never the whole file at once
 * (an 18 MB GBK drawing became a 36 MB UTF-16 string). The same lines as decoding it whole: no code page a
 * DXF uses has a 0x0A byte inside a character.
 */
export class AsciiGroupReader implements GroupReader {
  code = -1;
  value = '';
  truncated = false;
  private text = '';
  private pos = 0;
  private bytePos = 0;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly decode: (b: Uint8Array) => string
  ) {}

  /** Decodes the next piece; false at the end of the bytes. */
  private load(): boolean {
    const b = this.bytes;
    if (this.bytePos >= b.length) return false;
    const first = this.bytePos === 0;
    const nl = b.indexOf(10, this.bytePos + DECODE_CHUNK_BYTES);
    const end = nl < 0 ? b.length : nl + 1;
    this.text = this.decode(b.subarray(this.bytePos, end));
    this.pos = first && this.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.bytePos = end;
    return true;
  }

  private line(): string | undefined {
    while (this.pos >= this.text.length) if (!this.load()) return undefined;
    const t = this.text;
    let end = t.indexOf('\n', this.pos);
    if (end < 0) end = t.length;
    const s = t.slice(this.pos, end);
    this.pos = end + 1;
    return s;
  }

  next(): boolean {
    let c = this.line();
    // Skip blank lines between pairs (some writers leave a trailing newline or two).
    while (c !== undefined && c.trim() === '') c = this.line();
    if (c === undefined) return false;
    const code = parseCode(c);
    if (Number.isNaN(code)) throw notDxf();
    const v = this.line();
    if (v === undefined) {
      this.truncated = true;
      return false;
    }
    this.code = code;
    this.value = v.trim();
    return true;
  }

  num(): number {
    return Number(this.value);
  }
}

/** Fast integer parse of a group-code line ("  0", " 10\r"); NaN if it is not an integer. */
function parseCode(s: string): number {
  let i = 0;
  const n = s.length;
  while (i < n && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
  let neg = false;
  if (s.charCodeAt(i) === 45) {
    neg = true;
    i++;
  }
  let v = 0;
  let digits = 0;
  for (; i < n; i++) {
    const ch = s.charCodeAt(i);
    if (ch >= 48 && ch <= 57) {
      v = v * 10 + (ch - 48);
      digits++;
    } else if (ch === 13 || ch === 32 || ch === 9) break;
    else return NaN;
  }
  for (; i < n; i++) {
    const ch = s.charCodeAt(i);
    if (ch !== 13 && ch !== 32 && ch !== 9) return NaN;
  }
  return digits ? (neg ? -v : v) : NaN;
}

export function notDxf(): UserError {
  return userError(
    'dxf_not_dxf',
    '文件不是可读的 DXF（找不到 DXF 组码结构），可能已损坏或并非 DXF：请在 CAD 中另存为 ASCII DXF 后重试。',
    'The file is not a readable DXF (no DXF group-code structure found); it may be damaged or not a DXF. Save it as ASCII DXF in your CAD program and try again.'
  );
}

export const BINARY_DXF_SENTINEL = 'AutoCAD Binary DXF\r\n\x1a\x00';

export function isBinaryDxf(b: Uint8Array): boolean {
  if (b.length < BINARY_DXF_SENTINEL.length) return false;
  for (let i = 0; i < BINARY_DXF_SENTINEL.length; i++) if (b[i] !== BINARY_DXF_SENTINEL.charCodeAt(i)) return false;
  return true;
}

type BinKind = 'str' | 'f64' | 'i16' | 'i32' | 'i64' | 'bool' | 'bin';

/** Value type of a group code, from the DXF reference's "Group Code Value Types" table. */
function binKind(code: number): BinKind {
  if (code < 10) return 'str';
  if (code < 60) return 'f64';
  if (code < 80) return 'i16';
  if (code >= 90 && code < 100) return 'i32';
  if (code === 100 || code === 102 || code === 105) return 'str';
  if (code >= 110 && code < 150) return 'f64';
  if (code >= 160 && code < 170) return 'i64';
  if (code >= 170 && code < 180) return 'i16';
  if (code >= 210 && code < 240) return 'f64';
  if (code >= 270 && code < 290) return 'i16';
  if (code >= 290 && code < 300) return 'bool';
  if (code >= 300 && code < 310) return 'str';
  if (code >= 310 && code < 320) return 'bin';
  if (code >= 320 && code < 370) return 'str';
  if (code >= 370 && code < 390) return 'i16';
  if (code >= 390 && code < 400) return 'str';
  if (code >= 400 && code < 410) return 'i16';
  if (code >= 410 && code < 420) return 'str';
  if (code >= 420 && code < 430) return 'i32';
  if (code >= 430 && code < 440) return 'str';
  if (code >= 440 && code < 460) return 'i32';
  if (code >= 460 && code < 470) return 'f64';
  if (code >= 470 && code < 482) return 'str';
  if (code === 999) return 'str';
  if (code === 1004) return 'bin';
  if (code >= 1000 && code < 1010) return 'str';
  if (code >= 1010 && code < 1060) return 'f64';
  if (code >= 1060 && code < 1071) return 'i16';
  if (code === 1071) return 'i32';
  return 'str';
}

/**
 * Binary DXF: after the 22-byte sentinel, R12 files write 1-byte group codes (255 escapes a 2-byte code),
 * R13+ files 2-byte little-endian codes; values are typed little-endian. R12 vs R13+ is told by the first
 * group (0, "SECTION"): its second byte is 0 only with 2-byte codes.
 */
export class BinaryGroupReader implements GroupReader {
  code = -1;
  value = '';
  truncated = false;
  private numValue = NaN;
  private pos = BINARY_DXF_SENTINEL.length;
  private readonly view: DataView;
  private readonly wideCodes: boolean;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly decode: (b: Uint8Array) => string
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.wideCodes = bytes.length > this.pos + 1 && bytes[this.pos + 1] === 0;
  }

  private need(n: number): boolean {
    if (this.pos + n > this.bytes.length) {
      this.truncated = true;
      return false;
    }
    return true;
  }

  next(): boolean {
    if (this.pos >= this.bytes.length) return false;
    let code: number;
    if (this.wideCodes) {
      if (!this.need(2)) return false;
      code = this.view.getUint16(this.pos, true);
      this.pos += 2;
    } else {
      if (!this.need(1)) return false;
      code = this.bytes[this.pos++];
      if (code === 255) {
        if (!this.need(2)) return false;
        code = this.view.getUint16(this.pos, true);
        this.pos += 2;
      }
    }
    this.code = code;
    this.value = '';
    this.numValue = NaN;
    const v = this.view;
    switch (binKind(code)) {
      case 'str': {
        const end = this.bytes.indexOf(0, this.pos);
        if (end < 0) {
          this.truncated = true;
          return false;
        }
        this.value = this.decode(this.bytes.subarray(this.pos, end));
        this.numValue = Number(this.value);
        this.pos = end + 1;
        return true;
      }
      case 'f64':
        if (!this.need(8)) return false;
        this.numValue = v.getFloat64(this.pos, true);
        this.pos += 8;
        return true;
      case 'i16':
        if (!this.need(2)) return false;
        this.numValue = v.getInt16(this.pos, true);
        this.pos += 2;
        return true;
      case 'i32':
        if (!this.need(4)) return false;
        this.numValue = v.getInt32(this.pos, true);
        this.pos += 4;
        return true;
      case 'i64':
        if (!this.need(8)) return false;
        this.numValue = Number(v.getBigInt64(this.pos, true));
        this.pos += 8;
        return true;
      case 'bool':
        if (!this.need(1)) return false;
        this.numValue = this.bytes[this.pos++];
        return true;
      case 'bin': {
        if (!this.need(1)) return false;
        const len = this.bytes[this.pos++];
        if (!this.need(len)) return false;
        this.pos += len;
        return true;
      }
    }
  }

  num(): number {
    return this.numValue;
  }
}

export { truncatedError };
