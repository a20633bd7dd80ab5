// KML reader (OGC 07-147r2, KML 2.2). KML is WGS84 lon/lat by definition (§6.2), so the hint is EPSG:4326.
// A small, strict XML scanner instead of a DOM (none in Node): well-formedness is checked (tags must match and
// close), because a truncated upload must be refused, not half-read.
import {
  type Decision,
  type Feature,
  type Message,
  type MultiPolygon,
  type Polygon,
  type ReadOptions,
  type ReadResult
} from '../types.ts';
import { decideTextEncoding, decodeText } from '../text/encoding.ts';
import { budgetOf, UploadBudget } from '../budget.ts';
import { userError } from '../../errors.ts';

interface XNode {
  name: string;
  attrs: string;
  children: XNode[];
  text: string;
}
type Pos = [number, number];

/** Longest description kept as a property; longer ones are HTML balloons, not attributes. */
const MAX_DESCRIPTION_CHARS = 500;

const xmlError = (text: string, at: number, zh: string, en: string) => {
  const line = text.slice(0, at).split('\n').length;
  return userError(
    'kml-invalid',
    `KML 文件第 ${line} 行：${zh}，文件可能不完整或已损坏，请重新导出。`,
    `KML line ${line}: ${en}; the file may be truncated or damaged, export it again.`
  );
};

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()];
  });
}

const XML_NESTING = { zh: 'XML 元素', en: 'XML elements' };

/** Parse XML into a light tree; namespace prefixes dropped (kml:Polygon = Polygon). Nesting is bounded by
 *  the budget: the tree is walked recursively later, and real KML nests a dozen levels. */
export function parseXml(text: string, budget: UploadBudget = new UploadBudget()): XNode {
  const root: XNode = { name: '#root', attrs: '', children: [], text: '' };
  const stack: XNode[] = [root];
  const openAt: number[] = [0];
  let i = 0;
  const need = (close: string, from: number, what: string) => {
    const j = text.indexOf(close, from);
    if (j < 0) throw xmlError(text, from, `${what}没有结束（文件被截断）`, `${what}never ends (file truncated)`);
    return j;
  };
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = lt < 0 ? text.slice(i) : text.slice(i, lt);
    if (chunk) stack[stack.length - 1].text += decodeEntities(chunk);
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) {
      i = need('-->', lt + 4, '注释 / comment ') + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const j = need(']]>', lt + 9, 'CDATA ');
      stack[stack.length - 1].text += text.slice(lt + 9, j);
      i = j + 3;
      continue;
    }
    if (text.startsWith('<?', lt)) {
      i = need('?>', lt + 2, '处理指令 / processing instruction ') + 2;
      continue;
    }
    if (text.startsWith('<!', lt)) {
      const bracket = text.indexOf('[', lt),
        gt = need('>', lt, 'DOCTYPE ');
      i = bracket >= 0 && bracket < gt ? need(']>', bracket, 'DOCTYPE ') + 2 : gt + 1;
      continue;
    }
    // Find the tag's end outside quoted attribute values.
    let j = lt + 1,
      quote = '';
    for (; j < text.length; j++) {
      const ch = text[j];
      if (quote) {
        if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '>') break;
    }
    if (j >= text.length) throw xmlError(text, lt, '标签没有结束（文件被截断）', 'a tag never ends (file truncated)');
    const body = text.slice(lt + 1, j);
    i = j + 1;
    if (body.startsWith('/')) {
      const name = body
        .slice(1)
        .trim()
        .replace(/^[\w.-]+:/, '');
      const top = stack.pop()!;
      if (top === root || top.name !== name)
        throw xmlError(
          text,
          lt,
          `结束标签 </${name}> 与开始标签 <${top.name}> 不匹配`,
          `closing tag </${name}> does not match <${top.name}>`
        );
      openAt.pop();
      continue;
    }
    const selfClosing = body.endsWith('/');
    const m = /^([\w.:-]+)([\s\S]*)$/.exec(selfClosing ? body.slice(0, -1) : body);
    if (!m) throw xmlError(text, lt, '标签名无效', 'invalid tag name');
    const node: XNode = { name: m[1].replace(/^[\w.-]+:/, ''), attrs: m[2], children: [], text: '' };
    stack[stack.length - 1].children.push(node);
    if (!selfClosing) {
      stack.push(node);
      openAt.push(lt);
      if (stack.length > budget.limits.depth) budget.checkDepth(stack.length - 1, XML_NESTING);
    }
  }
  if (stack.length > 1) {
    const open = stack[stack.length - 1];
    throw xmlError(
      text,
      openAt[openAt.length - 1],
      `<${open.name}> 等 ${stack.length - 1} 个元素没有结束（文件被截断）`,
      `${stack.length - 1} element(s) such as <${open.name}> are never closed (file truncated)`
    );
  }
  return root;
}

const child = (n: XNode, name: string) => n.children.find((c) => c.name === name);
const attr = (n: XNode, name: string) =>
  new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`)
    .exec(n.attrs)
    ?.slice(2)
    .find((x) => x !== undefined);

function* descendants(n: XNode, name: string, stopAt?: string): Generator<XNode> {
  for (const c of n.children) {
    if (c.name === name) yield c;
    else if (c.name !== stopAt) yield* descendants(c, name, stopAt);
  }
}

/** `lon,lat[,alt]` tuples separated by whitespace (§16.9.1); some writers put spaces after commas. */
function coordinates(ring: XNode | undefined, where: string, budget: UploadBudget): Pos[] | null {
  const c = ring && child(ring, 'coordinates');
  if (!c) return null;
  // Each tuple has at least one comma: refuse before splitting a ring of millions of tuples.
  let commas = 0;
  for (let i = c.text.indexOf(','); i >= 0 && commas <= budget.limits.vertices * 2; i = c.text.indexOf(',', i + 1))
    commas++;
  if (commas / 2 > budget.limits.vertices - budget.vertices) budget.spendVertices(Math.ceil(commas / 2));
  const pts: Pos[] = [];
  for (const t of c.text
    .trim()
    .replace(/\s*,\s*/g, ',')
    .split(/\s+/)) {
    if (!t) continue;
    const [x, y] = t.split(',').map(Number);
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      throw userError(
        'kml-coordinates',
        `KML ${where} 中的坐标“${t}”不是“经度,纬度”。`,
        `KML ${where}: coordinate "${t}" is not "lon,lat".`
      );
    }
    pts.push([x, y]);
  }
  budget.spendVertices(pts.length);
  return new Set(pts.map((p) => p.join(','))).size >= 3 ? pts : null;
}

function polygon(p: XNode, where: string, warnings: Message[], budget: UploadBudget): Pos[][] | null {
  const outer = coordinates(
    child(p, 'outerBoundaryIs') && child(child(p, 'outerBoundaryIs')!, 'LinearRing'),
    where,
    budget
  );
  if (!outer) {
    warnings.push({
      code: 'kml-degenerate',
      zh: `${where}：外边界少于 3 个不同的点，已跳过。`,
      en: `${where}: outer boundary has under 3 distinct points; skipped.`
    });
    return null;
  }
  const holes: Pos[][] = [];
  for (const ib of p.children.filter((c) => c.name === 'innerBoundaryIs')) {
    for (const lr of ib.children.filter((c) => c.name === 'LinearRing')) {
      const h = coordinates(lr, where, budget);
      if (h) holes.push(h);
    }
  }
  return [outer, ...holes];
}

const NON_POLYGON = ['Point', 'LineString', 'LinearRing', 'Model', 'Track', 'MultiTrack'];

export function readKml(bytes: Uint8Array, name: string, opts: ReadOptions, format: 'kml' | 'kmz' = 'kml'): ReadResult {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /^\s*(?:\uFEFF|ï»¿)?<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/.exec(head)?.[1];
  const enc = decideTextEncoding(bytes, opts.encoding, declared);
  const decisions: Decision[] = [enc.decision];
  const warnings: Message[] = [...enc.warnings];
  const budget = budgetOf(opts);
  const root = parseXml(decodeText(bytes, enc.encoding), budget);
  if (!root.children.some((c) => c.name === 'kml')) {
    throw userError(
      'kml-invalid',
      `“${name}”是 XML 但不是 KML（没有 <kml> 根元素）。`,
      `"${name}" is XML but not KML (no <kml> root element).`
    );
  }
  const features: Feature<Polygon | MultiPolygon, Record<string, unknown>>[] = [];
  const skipped = new Map<string, number>();
  let n = 0;
  for (const pm of descendants(root, 'Placemark')) {
    n++;
    const props: Record<string, unknown> = {};
    const nm = child(pm, 'name')?.text.trim();
    if (nm) props.name = nm;
    const desc = child(pm, 'description')?.text.trim();
    if (desc && desc.length <= MAX_DESCRIPTION_CHARS) props.description = desc;
    const ext = child(pm, 'ExtendedData');
    if (ext) {
      for (const d of descendants(ext, 'Data')) {
        const k = attr(d, 'name');
        if (k) props[k] = child(d, 'value')?.text.trim() ?? '';
      }
      for (const d of descendants(ext, 'SimpleData')) {
        const k = attr(d, 'name');
        if (k) props[k] = d.text.trim();
      }
    }
    const where = `Placemark ${nm ? `“${nm}”` : `#${n}`}`;
    const polys = [...descendants(pm, 'Polygon', 'ExtendedData')]
      .map((p) => polygon(p, where, warnings, budget))
      .filter((p): p is Pos[][] => p !== null);
    for (const t of NON_POLYGON)
      for (const _ of descendants(pm, t, 'Polygon')) skipped.set(t, (skipped.get(t) ?? 0) + 1);
    if (!polys.length) continue;
    features.push({
      type: 'Feature',
      properties: props,
      geometry:
        polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys }
    });
  }
  const skippedText = [...skipped].map(([t, k]) => `${t}×${k}`).join(', ');
  if (!features.length) {
    throw userError(
      'no-polygon',
      `KML“${name}”中没有面（Polygon）${skippedText ? `，只有：${skippedText}` : ''}；用地边界必须是面。`,
      `The KML "${name}" holds no Polygon${skippedText ? ` (only ${skippedText})` : ''}; a site boundary must be a polygon.`
    );
  }
  if (skippedText)
    warnings.push({
      code: 'kml-skipped',
      zh: `跳过了非面几何：${skippedText}。`,
      en: `Skipped non-polygon geometries: ${skippedText}.`
    });
  return {
    format,
    features,
    decisions,
    warnings,
    crsHint: { kind: 'epsg', value: '4326', source: `${name}: KML is WGS84 by definition (OGC 07-147r2 §6.2)` }
  };
}
