// GeoJSON reader (RFC 7946, plus the 2008 draft's `crs` member that GIS tools still write for projected data).
// Polygons and MultiPolygons are kept as written (source CRS, original ring order); ring closure and
// orientation are the validation stage's job. Everything else is skipped with a warning.
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
import { budgetOf, type UploadBudget } from '../budget.ts';
import { userError } from '../../errors.ts';

type Pos = [number, number];
type Out = Feature<Polygon | MultiPolygon, Record<string, unknown>>;

interface Ctx {
  features: Out[];
  skipped: Map<string, number>;
  warnings: Message[];
  crs?: { name: string; where: string };
  budget: UploadBudget;
}

const bad = (zh: string, en: string) =>
  userError('geojson-invalid', `GeoJSON 文件无效：${zh}`, `Invalid GeoJSON: ${en}`);

/** Line and column of a character offset, for a JSON syntax error the user can find in an editor. */
function lineCol(text: string, pos: number): [number, number] {
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  return [line, pos - before.lastIndexOf('\n')];
}

/** Offset of the first JSON syntax error (RFC 8259 grammar), for V8 messages that give none. */
function jsonErrorOffset(s: string): number {
  let i = 0;
  const ws = () => {
    while (i < s.length && ' \t\n\r'.includes(s[i])) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const str = () => {
    i++;
    while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
    if (i >= s.length) fail();
    i++;
  };
  const value = (): void => {
    ws();
    const c = s[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (s[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          ws();
          if (s[i] !== '"') fail();
          str();
          ws();
          if (s[i] !== ':') fail();
          i++;
        }
        value();
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === close) {
          i++;
          return;
        }
        fail();
      }
    }
    if (c === '"') return str();
    const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(s.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  try {
    value();
    ws();
    return i < s.length ? i : -1;
  } catch (p) {
    return typeof p === 'number' ? p : -1;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const pos = m ? Number(m[1]) : jsonErrorOffset(text);
    const where = pos >= 0 ? lineCol(text, pos) : undefined;
    const truncated = pos >= text.trimEnd().length;
    const whereZh = where ? `第 ${where[0]} 行第 ${where[1]} 列` : '某处';
    const whereEn = where ? `line ${where[0]}, column ${where[1]}` : 'somewhere';
    throw userError(
      'geojson-syntax',
      `GeoJSON 不是有效的 JSON：${whereZh}${truncated ? '文件提前结束，可能未完整上传或被截断' : '有语法错误'}。请检查或重新导出。`,
      `The GeoJSON is not valid JSON: ${truncated ? 'the file ends early (truncated or incomplete upload)' : 'syntax error'} at ${whereEn}. Check or re-export it.`
    );
  }
}

function position(p: unknown, path: string): Pos {
  if (
    !Array.isArray(p) ||
    p.length < 2 ||
    typeof p[0] !== 'number' ||
    typeof p[1] !== 'number' ||
    !Number.isFinite(p[0]) ||
    !Number.isFinite(p[1])
  ) {
    throw bad(`${path} 处的坐标不是数字对。`, `the position at ${path} is not a pair of numbers.`);
  }
  return [p[0], p[1]];
}

/** A ring needs three distinct positions to enclose area; fewer is dropped (closure is fixed later). */
function ring(r: unknown, path: string, budget: UploadBudget): Pos[] | null {
  if (!Array.isArray(r)) throw bad(`${path} 不是坐标数组。`, `${path} is not an array of positions.`);
  budget.spendVertices(r.length);
  const pts = r.map((p, i) => position(p, `${path}[${i}]`));
  const distinct = new Set(pts.map((p) => `${p[0]},${p[1]}`));
  return distinct.size >= 3 ? pts : null;
}

function polygon(c: unknown, path: string, ctx: Ctx): Pos[][] | null {
  if (!Array.isArray(c)) throw bad(`${path} 的 coordinates 不是数组。`, `${path}.coordinates is not an array.`);
  const rings = c.map((r, i) => ring(r, `${path}[${i}]`, ctx.budget));
  if (!rings[0]) {
    ctx.warnings.push({
      code: 'geojson-degenerate',
      zh: `${path}：外环少于 3 个不同的点，已跳过。`,
      en: `${path}: outer ring has under 3 distinct positions; skipped.`
    });
    return null;
  }
  const kept = rings.filter((r): r is Pos[] => r !== null);
  if (kept.length < rings.length) {
    ctx.warnings.push({
      code: 'geojson-degenerate',
      zh: `${path}：忽略了少于 3 个不同点的内环。`,
      en: `${path}: ignored hole(s) with under 3 distinct positions.`
    });
  }
  return kept;
}

function crsName(crs: unknown): string | undefined {
  if (!crs || typeof crs !== 'object') return undefined;
  const o = crs as { type?: string; properties?: Record<string, unknown> };
  if (o.type === 'name' && typeof o.properties?.name === 'string') return o.properties.name;
  if (o.type === 'EPSG' && o.properties?.code !== undefined) return `EPSG:${o.properties.code}`;
  return undefined;
}

const COLLECTION = { zh: 'GeoJSON 几何集合（GeometryCollection）', en: 'GeoJSON GeometryCollections' };

function geometry(g: unknown, props: Record<string, unknown>, path: string, ctx: Ctx, depth = 0): void {
  if (g === null || g === undefined) {
    ctx.skipped.set('null', (ctx.skipped.get('null') ?? 0) + 1);
    return;
  }
  if (typeof g !== 'object') throw bad(`${path} 不是几何对象。`, `${path} is not a geometry object.`);
  const o = g as { type?: unknown; coordinates?: unknown; geometries?: unknown; crs?: unknown };
  const name = crsName(o.crs);
  if (name && !ctx.crs) ctx.crs = { name, where: path };
  if (o.type === 'Polygon') {
    const p = polygon(o.coordinates, path, ctx);
    if (p)
      ctx.features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: p }, properties: { ...props } });
  } else if (o.type === 'MultiPolygon') {
    if (!Array.isArray(o.coordinates))
      throw bad(`${path} 的 coordinates 不是数组。`, `${path}.coordinates is not an array.`);
    const polys = o.coordinates.map((c, i) => polygon(c, `${path}[${i}]`, ctx)).filter((p): p is Pos[][] => p !== null);
    if (polys.length)
      ctx.features.push({
        type: 'Feature',
        geometry: { type: 'MultiPolygon', coordinates: polys },
        properties: { ...props }
      });
  } else if (o.type === 'GeometryCollection') {
    if (!Array.isArray(o.geometries)) throw bad(`${path} 缺少 geometries 数组。`, `${path} has no geometries array.`);
    ctx.budget.checkDepth(depth + 1, COLLECTION);
    o.geometries.forEach((x, i) => geometry(x, props, `${path}.geometries[${i}]`, ctx, depth + 1));
  } else {
    const t = typeof o.type === 'string' ? o.type : 'unknown';
    ctx.skipped.set(t, (ctx.skipped.get(t) ?? 0) + 1);
  }
}

function feature(f: unknown, path: string, ctx: Ctx): void {
  if (!f || typeof f !== 'object') throw bad(`${path} 不是要素对象。`, `${path} is not a Feature object.`);
  const o = f as { properties?: unknown; geometry?: unknown; id?: unknown };
  const props =
    o.properties && typeof o.properties === 'object' ? { ...(o.properties as Record<string, unknown>) } : {};
  if (o.id !== undefined && props.id === undefined) props.id = o.id;
  geometry(o.geometry, props, `${path}.geometry`, ctx);
}

/** EPSG code from the names GIS tools write ("EPSG:4326", "urn:ogc:def:crs:EPSG::4549", OGC CRS84). */
export function epsgFromCrsName(name: string): string | undefined {
  if (/CRS84$/i.test(name)) return '4326';
  const m = /EPSG:+(?:[\d.]*:)?(\d+)$/i.exec(name) ?? /epsg\/0\/(\d+)$/i.exec(name);
  return m ? m[1] : undefined;
}

/** Counts `"Feature"` in the bytes (a byte scan, no parse): a million-feature file is refused before
 *  JSON.parse builds a million objects. Over-counts only when the word is also a value elsewhere. */
function prescanFeatures(bytes: Uint8Array, budget: UploadBudget): void {
  const needle = Buffer.from('"Feature"');
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const left = budget.limits.features - budget.features;
  let n = 0;
  for (let i = b.indexOf(needle); i >= 0; i = b.indexOf(needle, i + needle.length)) {
    if (++n > left) {
      budget.spendFeatures(n);
      return;
    }
  }
  // Every position is an array: more '[' than the vertex budget means JSON.parse would build more arrays
  // than we read (and a JSON.parse that outgrows the worker's heap cannot be stopped half-way).
  let brackets = 0;
  const vertexLeft = budget.limits.vertices - budget.vertices;
  for (let i = b.indexOf(0x5b); i >= 0; i = b.indexOf(0x5b, i + 1)) {
    if (++brackets > vertexLeft + 1000) {
      budget.spendVertices(brackets);
      return;
    }
  }
}

export function readGeoJson(bytes: Uint8Array, name: string, opts: ReadOptions): ReadResult {
  const budget = budgetOf(opts);
  prescanFeatures(bytes, budget);
  const enc = decideTextEncoding(bytes, opts.encoding);
  const decisions: Decision[] = [enc.decision];
  const root = parseJson(decodeText(bytes, enc.encoding));
  const ctx: Ctx = { features: [], skipped: new Map(), warnings: [...enc.warnings], budget };
  if (!root || typeof root !== 'object' || Array.isArray(root))
    throw bad('顶层不是对象。', 'the top level is not an object.');
  const o = root as { type?: unknown; features?: unknown; crs?: unknown };
  const top = crsName(o.crs);
  if (top) ctx.crs = { name: top, where: 'crs' };
  if (o.type === 'FeatureCollection') {
    if (!Array.isArray(o.features))
      throw bad('FeatureCollection 缺少 features 数组。', 'the FeatureCollection has no features array.');
    o.features.forEach((f, i) => feature(f, `features[${i}]`, ctx));
  } else if (o.type === 'Feature') {
    feature(o, 'feature', ctx);
  } else if (typeof o.type === 'string') {
    geometry(o, {}, 'geometry', ctx);
  } else {
    throw bad('缺少 "type" 成员，不像 GeoJSON。', 'no "type" member: this does not look like GeoJSON.');
  }
  const skipped = [...ctx.skipped].map(([t, n]) => `${t}×${n}`).join(', ');
  if (!ctx.features.length) {
    throw userError(
      'no-polygon',
      `文件“${name}”中没有面（Polygon/MultiPolygon）${skipped ? `，只有：${skipped}` : ''}；用地边界必须是面。`,
      `"${name}" holds no Polygon or MultiPolygon${skipped ? ` (only ${skipped})` : ''}; a site boundary must be a polygon.`
    );
  }
  if (skipped) {
    ctx.warnings.push({
      code: 'geojson-skipped',
      zh: `跳过了非面几何：${skipped}。`,
      en: `Skipped non-polygon geometries: ${skipped}.`
    });
  }
  const result: ReadResult = { format: 'geojson', features: ctx.features, decisions, warnings: ctx.warnings };
  if (ctx.crs) {
    const epsg = epsgFromCrsName(ctx.crs.name);
    result.crsHint = epsg
      ? { kind: 'epsg', value: epsg, source: `${name}: ${ctx.crs.where}` }
      : { kind: 'name', value: ctx.crs.name, source: `${name}: ${ctx.crs.where}` };
  }
  return result;
}
