// Text encoding decisions for DBF attributes, zip member names and text formats.
// The order is fixed and every result says which rule decided (STYLE.md: explicit, ordered guesses):
//   user's choice → .cpg → DBF language-driver byte (except 87) → all ASCII → GB18030 if the bytes are
//   valid GB18030 and mostly common Chinese → UTF-8 if valid → latin1 with a warning.
import iconv from 'iconv-lite';
import { type Decision, type Message } from '../types.ts';
import { userError } from '../../errors.ts';

/** Share of multi-byte characters that must be GB2312 hanzi (rows B0–F7: the 6,763 characters of everyday
 *  Chinese; rows A1/A3, punctuation and full-width ASCII, are neutral) before undeclared bytes are read as
 *  GB18030. UTF-8 Chinese read as GBK falls partly outside it (every other pair starts with a UTF-8 trail
 *  byte 80–BF, mostly not a hanzi row), so 0.8 separates the two; ties go to the better-scoring decoding. */
export const GB_COMMON_SHARE_MIN = 0.8;

/** How many bytes of text detection looks at: enough for any real attribute table, bounded for big files. */
export const DETECT_SAMPLE_BYTES = 512 * 1024;

export interface EncodingDecision {
  encoding: string;
  decision: Decision;
  warnings: Message[];
}

/** Map the labels people really write into .cpg files ("ANSI 936", "CP936", "88591", "utf8", "Big-5"…)
 *  to an iconv-lite name; undefined when the label means nothing we know. */
export function normaliseEncodingLabel(label: string): string | undefined {
  let s = label
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();
  if (!s) return undefined;
  s = s.replace(/^(ansi|oem|windows|win|cp|ibm|ms)[\s_-]*(?=\d)/, '');
  s = s.replace(/[\s_]/g, '-');
  const table: Record<string, string> = {
    '936': 'gbk',
    gbk: 'gbk',
    gb2312: 'gbk',
    'gb-2312': 'gbk',
    'euc-cn': 'gbk',
    gb18030: 'gb18030',
    '54936': 'gb18030',
    'utf-8': 'utf-8',
    utf8: 'utf-8',
    '65001': 'utf-8',
    unicode: 'utf-8',
    '950': 'big5',
    big5: 'big5',
    'big-5': 'big5',
    'big5-hkscs': 'big5hkscs',
    '932': 'shift_jis',
    sjis: 'shift_jis',
    'shift-jis': 'shift_jis',
    '949': 'cp949',
    'euc-kr': 'euc-kr',
    '88591': 'latin1',
    '8859-1': 'latin1',
    'iso-8859-1': 'latin1',
    'iso8859-1': 'latin1',
    latin1: 'latin1',
    'latin-1': 'latin1'
  };
  if (table[s]) return table[s];
  const iso = /^(?:iso-?)?8859-?(\d{1,2})$/.exec(s);
  if (iso) return `iso-8859-${iso[1]}`;
  if (/^\d{3,4}$/.test(s)) {
    // Bare code page numbers: 125x are Windows ANSI pages, the rest DOS/OEM pages; iconv-lite knows both as cpNNN.
    const name = `cp${s}`;
    return iconv.encodingExists(name) ? name : undefined;
  }
  return iconv.encodingExists(s) ? s : undefined;
}

/** DBF language-driver IDs (byte 29 of the header) as ESRI documents them, to code pages. */
const LDID: Record<number, string> = {
  0x01: 'cp437',
  0x02: 'cp850',
  0x03: 'cp1252',
  0x08: 'cp865',
  0x09: 'cp437',
  0x0a: 'cp850',
  0x0b: 'cp437',
  0x0d: 'cp437',
  0x0e: 'cp850',
  0x0f: 'cp437',
  0x10: 'cp850',
  0x11: 'cp437',
  0x12: 'cp850',
  0x13: 'shift_jis',
  0x14: 'cp850',
  0x15: 'cp437',
  0x16: 'cp850',
  0x17: 'cp865',
  0x18: 'cp437',
  0x19: 'cp437',
  0x1a: 'cp850',
  0x1b: 'cp437',
  0x1c: 'cp863',
  0x1d: 'cp850',
  0x1f: 'cp852',
  0x22: 'cp852',
  0x23: 'cp852',
  0x24: 'cp860',
  0x25: 'cp850',
  0x26: 'cp866',
  0x37: 'cp850',
  0x40: 'cp852',
  0x4d: 'gbk',
  0x4e: 'cp949',
  0x4f: 'big5',
  0x50: 'cp874',
  0x58: 'cp1252',
  0x59: 'cp1252',
  0x64: 'cp852',
  0x65: 'cp866',
  0x66: 'cp865',
  0x67: 'cp861',
  0x6a: 'cp737',
  0x6b: 'cp857',
  0x78: 'big5',
  0x79: 'cp949',
  0x7a: 'gbk',
  0x7b: 'shift_jis',
  0x7c: 'cp874',
  0x7d: 'cp1255',
  0x7e: 'cp1256',
  0x86: 'cp737',
  0x87: 'cp852',
  0x88: 'cp857',
  0xc8: 'cp1250',
  0xc9: 'cp1251',
  0xca: 'cp1254',
  0xcb: 'cp1253',
  0xcc: 'cp1257'
};

/** LDID 87 (0x57) nominally means "current ANSI code page", but ArcGIS and many converters write it whatever
 *  the bytes are (mapshaper and GDAL both ignore it), so it tells us nothing about Chinese GBK vs UTF-8. */
export const LDID_MEANINGLESS = 0x57;

export function encodingFromLdid(ldid: number): string | undefined {
  if (ldid === 0 || ldid === LDID_MEANINGLESS) return undefined;
  return LDID[ldid];
}

interface GbScan {
  valid: boolean;
  chars: number;
  common: number;
}

/** Structural GB18030 check (GB 18030-2005 §6: 1, 2 or 4 bytes). A sequence cut off at the end of a chunk is
 *  tolerated because DBF fields are fixed-width and writers truncate mid-character. */
function scanGb18030(chunks: Uint8Array[]): GbScan {
  let chars = 0,
    common = 0;
  for (const b of chunks) {
    for (let i = 0; i < b.length;) {
      const x = b[i];
      if (x < 0x80) {
        i++;
        continue;
      }
      if (x === 0x80 || x === 0xff) return { valid: false, chars, common };
      if (i + 1 >= b.length) break;
      const y = b[i + 1];
      if (y >= 0x30 && y <= 0x39) {
        if (i + 3 >= b.length) break;
        if (b[i + 2] < 0x81 || b[i + 2] > 0xfe || b[i + 3] < 0x30 || b[i + 3] > 0x39)
          return { valid: false, chars, common };
        chars++;
        i += 4;
        continue;
      }
      if (y < 0x40 || y === 0x7f || y === 0xff) return { valid: false, chars, common };
      if (!(y >= 0xa1 && (x === 0xa1 || x === 0xa3))) chars++;
      if (y >= 0xa1 && x >= 0xb0 && x <= 0xf7) common++;
      i += 2;
    }
  }
  return { valid: true, chars, common };
}

/** Strict UTF-8 check (RFC 3629), tolerating a sequence cut off at a chunk end. */
function isValidUtf8(chunks: Uint8Array[]): boolean {
  for (const b of chunks) {
    for (let i = 0; i < b.length;) {
      const x = b[i];
      let n = 0;
      if (x < 0x80) {
        i++;
        continue;
      } else if (x >= 0xc2 && x <= 0xdf) n = 1;
      else if (x >= 0xe0 && x <= 0xef) n = 2;
      else if (x >= 0xf0 && x <= 0xf4) n = 3;
      else return false;
      if (i + n >= b.length) {
        for (let k = i + 1; k < b.length; k++) if ((b[k] & 0xc0) !== 0x80) return false;
        break;
      }
      for (let k = 1; k <= n; k++) if ((b[i + k] & 0xc0) !== 0x80) return false;
      i += n + 1;
    }
  }
  return true;
}

function isAscii(chunks: Uint8Array[]): boolean {
  for (const b of chunks) for (let i = 0; i < b.length; i++) if (b[i] >= 0x80) return false;
  return true;
}

/** Detection alone (no declarations): ASCII → GB18030 (mostly common Chinese) → UTF-8 → latin1 + warning. */
export function detectEncoding(chunks: Uint8Array[], what: string): EncodingDecision {
  const sample = limitSample(chunks);
  if (isAscii(sample)) {
    return { encoding: 'utf-8', decision: { what, value: 'ascii', rule: 'all-ascii' }, warnings: [] };
  }
  const gb = scanGb18030(sample);
  const utf8 = isValidUtf8(sample);
  const gbShare = gb.chars > 0 ? gb.common / gb.chars : 0;
  if (gb.valid && gbShare >= GB_COMMON_SHARE_MIN && !(utf8 && utf8HanziShare(sample) > gbShare)) {
    return {
      encoding: 'gb18030',
      decision: {
        what,
        value: 'gb18030',
        rule: 'detect-gb18030-common-hanzi',
        alternatives: utf8 ? ['utf-8'] : undefined
      },
      warnings: []
    };
  }
  if (utf8) {
    return {
      encoding: 'utf-8',
      decision: { what, value: 'utf-8', rule: 'detect-valid-utf-8', alternatives: gb.valid ? ['gb18030'] : undefined },
      warnings: []
    };
  }
  return {
    encoding: 'latin1',
    decision: { what, value: 'latin1', rule: 'fallback-latin1', alternatives: gb.valid ? ['gb18030'] : undefined },
    warnings: [
      {
        code: 'encoding-uncertain',
        zh: `无法确定${what === 'encoding' ? '属性' : '文件名'}文字编码，暂按 Latin-1 显示，中文可能为乱码；请在上传时指定编码（如 GBK 或 UTF-8）。`,
        en: 'Could not tell the text encoding; showing it as Latin-1, Chinese may be garbled. Choose the encoding (e.g. GBK or UTF-8) when uploading.'
      }
    ]
  };
}

/** The same hanzi share for the UTF-8 reading: re-encode it as GBK and count (unmappable characters drop out). */
function utf8HanziShare(chunks: Uint8Array[]): number {
  const text = chunks.map((c) => new TextDecoder('utf-8').decode(c)).join(' ');
  const s = scanGb18030([new Uint8Array(iconv.encode(text, 'gbk'))]);
  return s.chars > 0 ? s.common / s.chars : 0;
}

function limitSample(chunks: Uint8Array[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let n = 0;
  for (const c of chunks) {
    if (n >= DETECT_SAMPLE_BYTES) break;
    out.push(c);
    n += c.length;
  }
  return out;
}

/** The user's explicit choice, or undefined; an unknown name is the user's error, said plainly. */
export function userEncoding(choice: string | undefined, what = 'encoding'): EncodingDecision | undefined {
  if (!choice) return undefined;
  const enc = normaliseEncodingLabel(choice);
  if (!enc) {
    throw userError(
      'encoding-unknown',
      `不认识的编码“${choice}”，请使用 GBK、GB18030、UTF-8 等。`,
      `Unknown encoding "${choice}"; use GBK, GB18030, UTF-8 or similar.`
    );
  }
  return { encoding: enc, decision: { what, value: enc, rule: 'user-choice' }, warnings: [] };
}

/** DBF attribute encoding in the fixed order; `chunks` are the raw bytes of field names and text values. */
export function decideDbfEncoding(input: {
  userChoice?: string;
  cpg?: string;
  ldid?: number;
  /** or a function giving them, called only when the bytes must be looked at */
  chunks: Uint8Array[] | (() => Uint8Array[]);
}): EncodingDecision {
  const user = userEncoding(input.userChoice);
  if (user) return user;
  const warnings: Message[] = [];
  if (input.cpg !== undefined) {
    const enc = normaliseEncodingLabel(input.cpg);
    if (enc) return { encoding: enc, decision: { what: 'encoding', value: enc, rule: 'cpg' }, warnings };
    warnings.push({
      code: 'encoding-cpg-unknown',
      zh: `.cpg 文件中的编码“${input.cpg.trim()}”无法识别，已忽略并继续判断。`,
      en: `The .cpg file names an unknown encoding "${input.cpg.trim()}"; ignored, guessing instead.`
    });
  }
  if (input.ldid !== undefined) {
    const enc = encodingFromLdid(input.ldid);
    if (enc)
      return {
        encoding: enc,
        decision: {
          what: 'encoding',
          value: enc,
          rule: 'dbf-ldid',
          alternatives: [`ldid=0x${input.ldid.toString(16)}`]
        },
        warnings
      };
  }
  const d = detectEncoding(typeof input.chunks === 'function' ? input.chunks() : input.chunks, 'encoding');
  return { ...d, warnings: [...warnings, ...d.warnings] };
}

/** Encoding of a whole text file (survey TXT, KML without a declaration): user → BOM → detection. */
export function decideTextEncoding(bytes: Uint8Array, userChoice?: string, declared?: string): EncodingDecision {
  const user = userEncoding(userChoice);
  if (user) return user;
  const bom = bomEncoding(bytes);
  if (bom) return { encoding: bom, decision: { what: 'encoding', value: bom, rule: 'bom' }, warnings: [] };
  if (declared) {
    const enc = normaliseEncodingLabel(declared);
    if (enc)
      return { encoding: enc, decision: { what: 'encoding', value: enc, rule: 'declared-in-file' }, warnings: [] };
  }
  return detectEncoding([bytes], 'encoding');
}

export function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

export { decodeMany, decodeText } from './decode.ts';
