// Decoding bytes in a decided encoding (encoding.ts decides which). Node's own decoders where they give what
// iconv-lite gives (faster, and no iconv tables to build), iconv-lite for everything else.
import iconv from 'iconv-lite';

/** Encodings in which bytes 00–7F are always ASCII characters, never part of a multi-byte one. */
const ASCII_COMPATIBLE = new Set(['utf-8', 'gbk', 'gb18030', 'big5', 'latin1']);
/** Double-byte encodings decoded by iconv-lite, whose decoder starts afresh after every whole character. */
const DBCS = new Set(['gbk', 'gb18030', 'big5']);
const ASCII = new TextDecoder('latin1');

const isAsciiBytes = (b: Uint8Array) => {
  for (let i = 0; i < b.length; i++) if (b[i] >= 0x80) return false;
  return true;
};

/** GB2312 rows where Node's own GBK/GB18030 decoder (ICU, WHATWG tables) and iconv-lite give the same character
 *  for every code (a test checks them all): punctuation A1, full-width forms A3, kana A4–A5, hanzi B0–F7. They
 *  differ in a few codes of rows A2, A6, A8 and outside GB2312. */
const sharedGbRow = (lead: number) => lead === 0xa1 || (lead >= 0xa3 && lead <= 0xa5) || (lead >= 0xb0 && lead <= 0xf7);
function inSharedGbRows(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) {
    if (b[i] < 0x80) continue;
    if (!sharedGbRow(b[i]) || !(b[i + 1] >= 0xa1 && b[i + 1] <= 0xfe)) return false;
    i++;
  }
  return true;
}
const gbDecoders = new Map<string, TextDecoder>();
const gbDecoder = (encoding: string) =>
  gbDecoders.get(encoding) ?? gbDecoders.set(encoding, new TextDecoder(encoding)).get(encoding)!;

/** The text iconv-lite would give, by Node's own decoders, where they are known to agree; else undefined.
 *  Faster, and a GBK file of common Chinese then never builds iconv-lite's tables (~45 ms at start). */
function nativeDecode(bytes: Uint8Array, encoding: string): string | undefined {
  if (encoding === 'latin1') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (ASCII_COMPATIBLE.has(encoding) && isAsciiBytes(bytes)) return ASCII.decode(bytes);
  if ((encoding === 'gbk' || encoding === 'gb18030') && inSharedGbRows(bytes)) return gbDecoder(encoding).decode(bytes);
  return undefined;
}

/**
 * decodeText on each of many short pieces (DBF fields), with the same results: what Node decodes alike
 * directly, the rest of a double-byte table in one decoder call, pieces joined by '\n' (never a trail byte there) and split
 * again. One iconv call per field costs ~10 µs and ~1 KB of fresh memory each (5,000 GBK names: ~75 ms).
 * The joined text is only used when it has no replacement character and no BOM: then every piece ended on a
 * whole character, and decoding it alone gives the same text.
 */
export function decodeMany(pieces: Uint8Array[], encoding: string): string[] {
  const out = new Array<string>(pieces.length);
  const rest: number[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const s = nativeDecode(pieces[i], encoding);
    if (s !== undefined) out[i] = s;
    else rest.push(i);
  }
  if (rest.length > 1 && DBCS.has(encoding)) {
    let n = 0;
    for (const i of rest) n += pieces[i].length + 1;
    const joined = Buffer.allocUnsafe(n);
    n = 0;
    for (const i of rest) {
      joined.set(pieces[i], n);
      n += pieces[i].length;
      joined[n++] = 0x0a;
    }
    const text = iconv.decode(joined, encoding);
    const parts = text.split('\n');
    if (parts.length === rest.length + 1 && !/[\ufffd\ufeff]/.test(text)) {
      rest.forEach((i, k) => (out[i] = parts[k]));
      return out;
    }
  }
  for (const i of rest) out[i] = decodeText(pieces[i], encoding);
  return out;
}

/** Decode with the decided encoding; a leading BOM is dropped. */
export function decodeText(bytes: Uint8Array, encoding: string): string {
  const s =
    encoding === 'utf-8'
      ? new TextDecoder('utf-8').decode(bytes)
      : (nativeDecode(bytes, encoding) ??
        iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding));
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
