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
  // GBK/GB18030 pieces of whole characters in the shared rows (ASCII included, which Node's GB decoder gives as
  // is): one native decoder call for all of them too, ~5,000 calls fewer for 5,000 Chinese names
  const gb = encoding === 'gbk' || encoding === 'gb18030' ? ([] as number[]) : undefined;
  for (let i = 0; i < pieces.length; i++) {
    if (gb && inSharedGbRows(pieces[i])) {
      gb.push(i);
      continue;
    }
    const s = nativeDecode(pieces[i], encoding);
    if (s !== undefined) out[i] = s;
    else rest.push(i);
  }
  if (gb?.length && !decodeJoined(pieces, gb, out, (b) => gbDecoder(encoding).decode(b), false))
    for (const i of gb) out[i] = gbDecoder(encoding).decode(pieces[i]);
  if (rest.length > 1 && DBCS.has(encoding) && decodeJoined(pieces, rest, out, (b) => iconv.decode(b, encoding), true))
    return out;
  for (const i of rest) out[i] = decodeText(pieces[i], encoding);
  return out;
}

/** Pieces `which` decoded in one call, joined by '\n' and split again; false (nothing set) when the split does not
 *  give one part per piece (a piece held a newline) or, if `strict`, when a character was cut or a BOM read. */
function decodeJoined(
  pieces: Uint8Array[],
  which: number[],
  out: string[],
  decode: (b: Buffer) => string,
  strict: boolean
): boolean {
  let n = 0;
  for (const i of which) n += pieces[i].length + 1;
  const joined = Buffer.allocUnsafe(n);
  n = 0;
  for (const i of which) {
    joined.set(pieces[i], n);
    n += pieces[i].length;
    joined[n++] = 0x0a;
  }
  const text = decode(joined);
  const parts = text.split('\n');
  if (parts.length !== which.length + 1 || (strict && /[\ufffd\ufeff]/.test(text))) return false;
  which.forEach((i, k) => (out[i] = parts[k]));
  return true;
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
