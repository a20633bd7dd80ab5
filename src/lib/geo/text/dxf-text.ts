// Text decoding for DXF: which encoding the bytes are in, and the escapes AutoCAD writes inside strings.
// AutoCAD before R2007 (AC1021) writes text in the drawing's code page ($DWGCODEPAGE, e.g. ANSI_936 = GBK for
// Simplified Chinese); from AC1021 on DXF is UTF-8 (DXF Reference, "$DWGCODEPAGE"; dxf-parser #61).
import iconv from 'iconv-lite';
import { normaliseEncodingLabel } from './encoding.ts';
import { type Decision } from '../types.ts';
import { userError } from '../../errors.ts';

/** How much of the file start to scan for $ACADVER / $DWGCODEPAGE: the HEADER section comes first. */
const HEADER_SCAN_BYTES = 64 * 1024;

/** $DWGCODEPAGE values AutoCAD writes, to iconv-lite names. */
const CODEPAGES: Record<string, string> = {
  ansi_936: 'gbk',
  ansi_950: 'big5',
  ansi_932: 'shift_jis',
  dos932: 'shift_jis',
  ansi_949: 'cp949',
  ansi_1250: 'windows-1250',
  ansi_1251: 'windows-1251',
  ansi_1252: 'windows-1252',
  ansi_1253: 'windows-1253',
  ansi_1254: 'windows-1254',
  ansi_1255: 'windows-1255',
  ansi_1256: 'windows-1256',
  ansi_1257: 'windows-1257',
  ansi_874: 'windows-874',
  dos437: 'cp437',
  dos850: 'cp850',
  dos866: 'cp866',
  gb2312: 'gbk',
  big5: 'big5',
  utf8: 'utf-8'
};

export interface HeaderPeek {
  version?: string;
  codepage?: string;
}

/** Read $ACADVER and $DWGCODEPAGE from the start of an ASCII DXF (both are plain ASCII). */
export function peekAsciiHeader(bytes: Uint8Array): HeaderPeek {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, HEADER_SCAN_BYTES)).toString(
    'latin1'
  );
  const grab = (name: string): string | undefined => {
    const m = new RegExp(`\\${name}\\s*\\r?\\n\\s*\\d+\\s*\\r?\\n([^\\r\\n]*)`).exec(head);
    return m ? m[1].trim() : undefined;
  };
  return { version: grab('$ACADVER'), codepage: grab('$DWGCODEPAGE') };
}

/** The same for binary DXF: variable name, then a group code (1 or 2 bytes, 1 or 3), then a NUL-ended string. */
export function peekBinaryHeader(bytes: Uint8Array): HeaderPeek {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, HEADER_SCAN_BYTES)).toString(
    'latin1'
  );
  const grab = (name: string): string | undefined => {
    const m = new RegExp(`\\${name}\\x00(?:[\\x01\\x03]\\x00?)([^\\x00]*)\\x00`).exec(head);
    return m ? m[1].trim() : undefined;
  };
  return { version: grab('$ACADVER'), codepage: grab('$DWGCODEPAGE') };
}

/** R2007 = AC1021: the first release whose DXF is always UTF-8. */
export function isUtf8Release(version: string | undefined): boolean {
  const m = /^AC(\d{4})$/i.exec(version ?? '');
  return !!m && Number(m[1]) >= 1021;
}

function hasHighBytes(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] >= 0x80) return true;
  return false;
}

function isValidUtf8(b: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

export interface EncodingChoice {
  encoding: string;
  decision: Decision;
}

/**
 * Decide the encoding in a fixed order: the user's choice → R2007+ means UTF-8 → pure ASCII →
 * valid UTF-8 despite an older header (GDAL's utf-8.dxf: a stale ANSI_1252 header over UTF-8 text; legacy
 * code-page text is almost never valid UTF-8) → $DWGCODEPAGE → GBK (this product's users write Chinese).
 */
export function chooseDxfEncoding(bytes: Uint8Array, peek: HeaderPeek, userChoice?: string): EncodingChoice {
  const alternatives = ['utf-8', 'gbk'];
  if (userChoice) {
    const enc = normaliseEncodingLabel(userChoice);
    if (!enc) {
      throw userError(
        'encoding_unknown',
        `不认识的文字编码“${userChoice}”：请选择 GBK 或 UTF-8 等。`,
        `Unknown text encoding "${userChoice}": choose e.g. GBK or UTF-8.`
      );
    }
    return { encoding: enc, decision: { what: 'encoding', value: enc, rule: 'user' } };
  }
  if (isUtf8Release(peek.version)) {
    return { encoding: 'utf-8', decision: { what: 'encoding', value: 'utf-8', rule: `acadver-${peek.version}-utf8` } };
  }
  if (!hasHighBytes(bytes))
    return { encoding: 'utf-8', decision: { what: 'encoding', value: 'ascii', rule: 'all-ascii' } };
  if (isValidUtf8(bytes)) {
    return {
      encoding: 'utf-8',
      decision: {
        what: 'encoding',
        value: 'utf-8',
        rule: 'valid-utf8',
        alternatives: peek.codepage ? [peek.codepage] : undefined
      }
    };
  }
  const cp = codepageEncoding(peek.codepage);
  if (cp) {
    return { encoding: cp, decision: { what: 'encoding', value: cp, rule: `dwgcodepage-${peek.codepage}` } };
  }
  return { encoding: 'gbk', decision: { what: 'encoding', value: 'gbk', rule: 'default-gbk', alternatives } };
}

/** $DWGCODEPAGE value → iconv-lite encoding name, if known. */
export function codepageEncoding(codepage: string | undefined): string | undefined {
  if (!codepage) return undefined;
  const cp = CODEPAGES[codepage.toLowerCase()] ?? normaliseEncodingLabel(codepage);
  return cp && iconv.encodingExists(cp) ? cp : undefined;
}

export function decodeBytes(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'utf-8') return new TextDecoder('utf-8').decode(bytes);
  // Node's ICU decoder is faster than iconv-lite on large files; iconv-lite covers what ICU lacks.
  if (encoding === 'gbk' || encoding === 'gb18030' || encoding === 'big5') {
    try {
      return new TextDecoder(encoding).decode(bytes);
    } catch {
      /* small-icu build: fall through */
    }
  }
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

/** \M+n multibyte escapes (R12-era): n picks the code page (AutoCAD: 1 Japanese, 2 Big5, 3 Wansung, 4 Johab, 5 GB). */
const MBCS_PAGES: Record<string, string> = { '1': 'shift_jis', '2': 'big5', '3': 'cp949', '4': 'cp1361', '5': 'gbk' };

/** Decode AutoCAD's in-string escapes: \U+XXXX (Unicode code point) and \M+nXXXX (double-byte character). */
export function decodeEscapes(s: string): string {
  if (s.indexOf('\\') < 0) return s;
  return s
    .replace(/\\U\+([0-9A-Fa-f]{4,5})/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/\\M\+([1-5])([0-9A-Fa-f]{4})/g, (all, page: string, hex: string) => {
      const enc = MBCS_PAGES[page];
      if (!enc || !iconv.encodingExists(enc)) return all;
      const code = parseInt(hex, 16);
      return iconv.decode(Buffer.from([code >> 8, code & 0xff]), enc);
    });
}
