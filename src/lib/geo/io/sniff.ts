// Decide what a file is from its content first (names lie: a ".zip" that is a .shp, a ".txt" that is JSON),
// then from its extension. Shapefile members (.shp .shx .dbf .prj .cpg) are "parts" grouped by the dispatcher.
import { type InputFile } from '../types.ts';
import { isZip } from './zip.ts';
import { userError } from '../../errors.ts';

export type SniffKind =
  | 'zip'
  | 'dxf'
  | 'dwg'
  | 'geojson'
  | 'kml'
  | 'survey-txt'
  | 'shp'
  | 'shx'
  | 'dbf'
  | 'prj'
  | 'cpg'
  | 'sidecar'
  | 'unknown';

export interface Sniffed {
  kind: SniffKind;
  rule: 'magic' | 'content' | 'extension' | 'none';
}

/** Shapefile sidecars that carry nothing we read (spatial indexes, metadata, QGIS extras). */
const SIDECARS = new Set([
  'sbn',
  'sbx',
  'qpj',
  'qix',
  'fbn',
  'fbx',
  'ain',
  'aih',
  'atx',
  'ixs',
  'mxs',
  'mshp',
  'shp.xml',
  'cst',
  'osf'
]);

/** How much of a file the text checks look at. */
const HEAD_BYTES = 64 * 1024;

export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  if (/\.shp\.xml$/i.test(base)) return 'shp.xml';
  const i = base.lastIndexOf('.');
  return i < 0 ? '' : base.slice(i + 1).toLowerCase();
}

export function baseNameOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.replace(/\.shp\.xml$/i, '').replace(/\.[^.]*$/, '');
}

const ascii = (b: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));

/** ESRI shapefile header: file code 9994 big-endian (ESRI Shapefile Technical Description, 1998, p. 3). */
function isShpHeader(b: Uint8Array): boolean {
  return b.length >= 100 && b[0] === 0 && b[1] === 0 && b[2] === 0x27 && b[3] === 0x0a;
}

/** DWG starts with its version string: AC1009 (R12) … AC1032 (R2018), also AC1.40/AC1.50/AC2.10 (R1–R2.6). */
function isDwg(b: Uint8Array): boolean {
  const s = ascii(b, 0, 6);
  return /^AC1\d{3}$/.test(s) || /^AC[12]\.\d\d$/.test(s);
}

/** ASCII DXF: group-code/value line pairs; the first pair is `0`/`SECTION`, possibly after `999` comments. */
function isAsciiDxf(head: string): boolean {
  const lines = head.split(/\r?\n/, 40).map((l) => l.trim());
  let i = 0;
  while (lines[i] === '999') i += 2;
  return lines[i] === '0' && lines[i + 1] === 'SECTION';
}

/** GBK bytes of "[属性描述]" and "[地块坐标]": survey TXT files are usually GBK, so look for the bytes too. */
const SURVEY_GBK_MARKERS = [
  Uint8Array.from([0x5b, 0xca, 0xf4, 0xd0, 0xd4, 0xc3, 0xe8, 0xca, 0xf6, 0x5d]),
  Uint8Array.from([0x5b, 0xb5, 0xd8, 0xbf, 0xe9, 0xd7, 0xf8, 0xb1, 0xea, 0x5d])
];

function containsBytes(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

function sniffContent(b: Uint8Array): SniffKind | undefined {
  if (isZip(b)) return 'zip';
  if (ascii(b, 0, 18) === 'AutoCAD Binary DXF') return 'dxf';
  if (isDwg(b)) return 'dwg';
  if (isShpHeader(b)) return 'shp';
  const headBytes = b.subarray(0, HEAD_BYTES);
  let start = 0;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) start = 3;
  // Text formats: look at the head as UTF-8 (GBK is ASCII-compatible for the markers we need).
  const head = new TextDecoder('utf-8').decode(headBytes.subarray(start));
  const t = head.trimStart();
  if (t.startsWith('{')) return 'geojson';
  if (t.startsWith('<')) return /<(\w+:)?kml[\s>]/.test(head) ? 'kml' : undefined;
  if (isAsciiDxf(head)) return 'dxf';
  if (
    head.includes('[属性描述]') ||
    head.includes('[地块坐标]') ||
    SURVEY_GBK_MARKERS.some((m) => containsBytes(headBytes, m))
  )
    return 'survey-txt';
  if (/^\s*J\d+\s*,\s*\d+\s*,\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?/m.test(head)) return 'survey-txt';
  return undefined;
}

/** dBASE header consistency: header + records × record length ≈ file size (dBASE III+ layout). */
function looksLikeDbf(b: Uint8Array): boolean {
  if (b.length < 65 || ![0x02, 0x03, 0x30, 0x31, 0x83, 0x8b, 0xf5].includes(b[0])) return false;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const recLen = v.getUint16(10, true);
  const expected = v.getUint16(8, true) + v.getUint32(4, true) * recLen;
  // Writers add an EOF byte (0x1A) and sometimes padding; never a whole record's worth.
  return recLen > 0 && b.length >= expected && b.length - expected < Math.max(recLen, 32);
}

const EXTENSIONS: Record<string, SniffKind> = {
  zip: 'zip',
  kmz: 'zip',
  dxf: 'dxf',
  dwg: 'dwg',
  json: 'geojson',
  geojson: 'geojson',
  kml: 'kml',
  txt: 'survey-txt',
  shp: 'shp',
  shx: 'shx',
  dbf: 'dbf',
  prj: 'prj',
  cpg: 'cpg'
};

/** Content first, then extension; a file whose name promises a binary format its bytes do not have is refused. */
export function sniff(file: InputFile): Sniffed {
  const ext = extensionOf(file.name);
  const b = file.bytes;
  if (b.length === 0) {
    throw userError(
      'file-empty',
      `文件“${file.name}”是空的（0 字节），请检查后重新上传。`,
      `The file "${file.name}" is empty (0 bytes); check it and upload again.`
    );
  }
  // .shx shares the .shp header; .dbf/.prj/.cpg have no magic worth trusting: their extension decides.
  if (ext === 'shx' || ext === 'dbf' || ext === 'prj' || ext === 'cpg') return { kind: ext, rule: 'extension' };
  if (SIDECARS.has(ext)) return { kind: 'sidecar', rule: 'extension' };
  const byContent = sniffContent(b);
  if (byContent) return { kind: byContent, rule: 'magic' };
  if (ext === 'dxf') {
    throw userError(
      'dxf-not-dxf',
      `文件“${file.name}”扩展名是 .dxf，但内容不是 DXF（既无 ASCII 组码也无二进制 DXF 标记），可能已损坏或是其他格式。`,
      `"${file.name}" is named .dxf but is not DXF (no ASCII group codes, no binary DXF sentinel); it may be damaged or another format.`
    );
  }
  if (ext === 'dwg') {
    throw userError(
      'dwg-not-dwg',
      `文件“${file.name}”扩展名是 .dwg，但文件头不是 DWG 版本标记（AC10xx），可能已损坏。`,
      `"${file.name}" is named .dwg but does not start with a DWG version tag (AC10xx); it may be damaged.`
    );
  }
  if (ext === 'zip' || ext === 'kmz' || ext === 'shp') {
    const dbf = looksLikeDbf(b);
    throw userError(
      `${ext}-not-${ext}`,
      `文件“${file.name}”扩展名是 .${ext}，但内容不是该格式${dbf ? '，看起来是 Shapefile 的属性表（.dbf）；请把 .shp、.shx、.dbf 一起打包上传' : '，可能已损坏或未传完整'}。`,
      `"${file.name}" is named .${ext} but its content is not that format${dbf ? '; it looks like a shapefile attribute table (.dbf): zip the .shp, .shx and .dbf together' : '; it may be damaged or incompletely uploaded'}.`
    );
  }
  const byExt = EXTENSIONS[ext];
  if (byExt) return { kind: byExt, rule: 'extension' };
  return { kind: 'unknown', rule: 'none' };
}
