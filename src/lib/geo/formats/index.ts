// Dispatcher: uploaded files → (safe unzip, io/zip.ts) → sniff (io/sniff.ts) → one reader (registry.ts). Several files at once are one upload: a
// loose shapefile (.shp .shx .dbf .prj .cpg), or a single boundary file. Every choice is recorded as a Decision.
import { type Decision, type InputFile, type Message, type ReadOptions, type ReadResult } from '../types.ts';
import { FORMATS, isStandalone } from './registry.ts';
import { readShapefile, type ShapefileSet } from './shapefile.ts';
import { baseNameOf, sniff, type SniffKind } from '../io/sniff.ts';
import { DEFAULT_ZIP_LIMITS, unzipSafe } from '../io/zip.ts';
import { budgetOf, type UploadBudget } from '../budget.ts';
import { positionCount } from '../lazy-geometry.ts';
import { UserError, userError } from '../../errors.ts';

/** Same ceiling as the zip limit: boundary files are kilobytes to a few MB; 200 MB is already a mistake. */
export const MAX_INPUT_BYTES = DEFAULT_ZIP_LIMITS.maxTotalBytes;
/** A zip inside a zip happens (mail gateways, "zip the folder" twice); deeper nesting is not an upload. */
const MAX_ZIP_DEPTH = 2;

interface Item {
  name: string;
  bytes: Uint8Array;
  kind: SniffKind;
  rule: string;
  inZip: boolean;
}

function expand(
  files: InputFile[],
  depth: number,
  items: Item[],
  decisions: Decision[],
  warnings: Message[],
  budget: UploadBudget
): void {
  for (const f of files) {
    if (depth > 0 && f.bytes.length === 0) {
      items.push({ name: f.name, bytes: f.bytes, kind: 'unknown', rule: 'empty', inZip: true });
      continue;
    }
    const s = sniff(f);
    if (s.kind !== 'zip') {
      items.push({ name: f.name, bytes: f.bytes, kind: s.kind, rule: s.rule, inZip: depth > 0 });
      continue;
    }
    if (depth >= MAX_ZIP_DEPTH) {
      throw userError(
        'zip-nested',
        `压缩包嵌套过深（“${f.name}”），请直接打包边界文件。`,
        `Zips nested too deeply ("${f.name}"); zip the boundary files directly.`
      );
    }
    // One byte budget for the whole upload: inner zips and further files draw from what is left.
    const z = unzipSafe(f.bytes, f.name, DEFAULT_ZIP_LIMITS, budget);
    decisions.push({ what: 'container', value: 'zip', rule: s.rule, alternatives: [f.name] }, ...z.decisions);
    warnings.push(...z.warnings);
    expand(
      z.entries.map((e) => ({ name: e.path, bytes: e.bytes })),
      depth + 1,
      items,
      decisions,
      warnings,
      budget
    );
  }
}

/** Shapefile members belong together when they share folder and base name (case-insensitive: .SHP/.dbf mix). */
function shapefileSets(items: Item[]): ShapefileSet[] {
  const groups = new Map<string, Partial<Record<'shp' | 'dbf' | 'prj' | 'cpg', Item>>>();
  for (const it of items) {
    if (it.kind !== 'shp' && it.kind !== 'dbf' && it.kind !== 'prj' && it.kind !== 'cpg') continue;
    const dir = it.name.includes('/') ? it.name.slice(0, it.name.lastIndexOf('/') + 1) : '';
    const key = (dir + baseNameOf(it.name)).toLowerCase();
    const g = groups.get(key) ?? {};
    g[it.kind] ??= it;
    groups.set(key, g);
  }
  const sets: ShapefileSet[] = [];
  for (const g of groups.values()) {
    if (!g.shp) continue;
    const part = (x?: Item) => (x ? { name: x.name, bytes: x.bytes } : undefined);
    sets.push({
      base: baseNameOf(g.shp.name),
      shp: part(g.shp)!,
      dbf: part(g.dbf),
      prj: part(g.prj),
      cpg: part(g.cpg)
    });
  }
  return sets.sort((a, b) => a.shp.name.localeCompare(b.shp.name));
}

function nothingReadable(items: Item[], names: string): UserError {
  if (items.some((i) => i.kind === 'dbf')) {
    return userError(
      'shp-missing',
      `上传内容（${names}）中只有属性表 .dbf，没有几何文件 .shp；请把同名的 .shp、.shx、.dbf（及 .prj、.cpg）一起上传或打包。`,
      `The upload (${names}) has a .dbf attribute table but no .shp geometry; upload or zip the .shp, .shx, .dbf (and .prj, .cpg) together.`
    );
  }
  if (items.some((i) => i.kind === 'prj' || i.kind === 'shx' || i.kind === 'cpg')) {
    return userError(
      'shp-missing',
      `上传内容（${names}）只有 Shapefile 的附属文件，没有几何文件 .shp；请把 .shp、.shx、.dbf、.prj 一起上传。`,
      `The upload (${names}) has shapefile side files but no .shp; upload the .shp, .shx, .dbf and .prj together.`
    );
  }
  return userError(
    'format-unknown',
    `上传内容（${names || '空压缩包'}）中没有可识别的边界文件；支持 Shapefile（.zip 或 .shp/.shx/.dbf）、DXF、DWG、GeoJSON、KML/KMZ、界址点坐标 TXT。`,
    `No boundary file recognised in the upload (${names || 'empty zip'}); supported: Shapefile (.zip or .shp/.shx/.dbf), DXF, DWG, GeoJSON, KML/KMZ, survey coordinate TXT.`
  );
}

/** Pick the one standalone file: KMZ's doc.kml by convention (KML 2.2 §A.3: the first .kml at the root). */
function pickStandalone(cands: Item[], decisions: Decision[]): Item {
  if (cands.length === 1) return cands[0];
  if (cands.every((c) => c.kind === 'kml' && c.inZip)) {
    const doc =
      cands.find((c) => c.name.toLowerCase() === 'doc.kml') ?? cands.find((c) => !c.name.includes('/')) ?? cands[0];
    decisions.push({
      what: 'kmz-document',
      value: doc.name,
      rule: doc.name.toLowerCase() === 'doc.kml' ? 'doc.kml' : 'first-root-kml',
      alternatives: cands.filter((c) => c !== doc).map((c) => c.name)
    });
    return doc;
  }
  const names = cands.map((c) => c.name).join(', ');
  throw userError(
    'several-boundaries',
    `一次上传了多个边界文件（${names}），请每次只上传一个。`,
    `Several boundary files in one upload (${names}); upload one at a time.`
  );
}

async function readOne(it: Item, opts: ReadOptions): Promise<ReadResult> {
  if (!isStandalone(it.kind)) throw new Error(`no reader for ${it.kind}`);
  return (await FORMATS[it.kind].load())(it, opts);
}

function countOutput(r: ReadResult, budget: UploadBudget): void {
  budget.spendFeatures(r.features.length);
  const kind = r.format === 'kmz' ? 'kml' : r.format;
  if (isStandalone(kind) && FORMATS[kind].countsWhileReading) return; // counted while reading
  // a shapefile's geometries are lazy (read from the .shp bytes on each reading) and know their count
  let n = 0;
  for (const f of r.features) n += positionCount(f.geometry);
  budget.spendVertices(n);
}

/** Read one upload (one or several files) into features in the source CRS, with every decision recorded. */
export async function readBoundaryFiles(files: InputFile[], opts: ReadOptions = {}): Promise<ReadResult> {
  if (!files.length)
    throw userError(
      'file-missing',
      '没有收到文件，请选择边界文件后上传。',
      'No file received; choose a boundary file and upload it.'
    );
  const total = files.reduce((n, f) => n + f.bytes.length, 0);
  if (total > MAX_INPUT_BYTES) {
    throw userError(
      'file-too-large',
      `上传文件共 ${(total / 1048576).toFixed(0)} MB，超过上限 ${MAX_INPUT_BYTES / 1048576} MB；用地边界文件通常只有几 MB，请只上传边界图层。`,
      `The upload is ${(total / 1048576).toFixed(0)} MB, over the ${MAX_INPUT_BYTES / 1048576} MB limit; boundary files are usually a few MB: upload only the boundary layer.`
    );
  }
  const decisions: Decision[] = [];
  const warnings: Message[] = [];
  const items: Item[] = [];
  const budget = budgetOf(opts);
  expand(files, 0, items, decisions, warnings, budget);
  // handed over: the items hold the bytes now, and a reader may let them go once parsed (ReadOptions.releaseBytes)
  if (opts.releaseBytes) for (const f of files) f.bytes = new Uint8Array(0);
  const names = items.map((i) => i.name).join(', ');
  const sets = shapefileSets(items);
  const cands = items.filter((i) => isStandalone(i.kind));
  let result: ReadResult;
  if (sets.length) {
    decisions.push({
      what: 'format',
      value: 'shapefile',
      rule: 'shp-member',
      alternatives: sets.length > 1 ? sets.map((s) => s.shp.name) : undefined
    });
    if (cands.length) {
      warnings.push({
        code: 'files-ignored',
        zh: `已读取 Shapefile，忽略了其他文件：${cands.map((c) => c.name).join('、')}。`,
        en: `Read the shapefile; ignored the other files: ${cands.map((c) => c.name).join(', ')}.`
      });
    }
    // 16 bytes per point at least (.shp, ESRI whitepaper): refuse before building the arrays.
    budget.spendRead(Math.floor(sets.reduce((n, st) => n + st.shp.bytes.byteLength, 0) / 16 / 2));
    result = readShapefile(sets, opts);
  } else {
    if (!cands.length) throw nothingReadable(items, names);
    const it = pickStandalone(cands, decisions);
    decisions.push({ what: 'format', value: it.inZip && it.kind === 'kml' ? 'kmz' : it.kind, rule: it.rule });
    result = await readOne(it, opts);
  }
  // Readers that cannot count as they go (shapefile, DWG conversion) are checked here, before later stages copy.
  countOutput(result, budget);
  const wrap = (r: ReadResult): ReadResult => ({
    ...r,
    decisions: [...decisions, ...r.decisions],
    warnings: [...warnings, ...r.warnings],
    relayer: r.relayer && ((layer) => wrap(r.relayer!(layer)))
  });
  return wrap(result);
}
