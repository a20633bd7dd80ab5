// The boundary pipeline end to end: read → resolve CRS → reproject → (Shanghai extent) → validate → area.
// Returns DESIGN.md's inspect JSON, shared by the CLI (`zeroland inspect --json`) and POST /api/v1/boundaries/inspect.
import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import { type Decision, type InputFile, type LayerInfo, type Message, type ReadResult } from './types.ts';
import { readBoundaryFiles } from './formats/index.ts';
import {
  assertInShanghai,
  chooseCrs,
  reprojectGeometry,
  type Alternative,
  type Bilingual,
  type LocalSystem
} from './crs.ts';
import { validateGeometry } from './validate.ts';
import { toMu } from './area.ts';
import { positionCount, readOnce } from './lazy-geometry.ts';
import { userError } from '../errors.ts';

export interface IngestOptions {
  /** 'auto' (default), EPSG:nnnn, a proj4 string, WKT, GCJ-02, BD-09, SH2000, or a local system's id. */
  crs?: string;
  layer?: string;
  encoding?: string;
  /** Refuse results outside Shanghai (default true: the app and CLI; reader tests turn it off). */
  requireShanghai?: boolean;
  /** Local grids configured by the administrator (override the built-in SH2000/SHCITY by id). */
  localSystems?: LocalSystem[];
  /** 'footprints': an as-built survey (CAD building layer, texts returned); default the site boundary. */
  purpose?: 'boundary' | 'footprints';
  /** The caller hands `files` over: their bytes are let go as soon as they are parsed (ReadOptions.releaseBytes)
   *  and the array is emptied once read, so an 18 MB DXF is held neither while its rings are built nor while the
   *  geometry is reprojected and validated. */
  releaseFiles?: boolean;
}

/** A CAD text reprojected to EPSG:4490 (as-built surveys: floor labels inside footprints). */
export interface InspectText {
  layer: string;
  lon: number;
  lat: number;
  text: string;
}

export interface InspectFeature {
  /** EPSG:4490 lon/lat, validated and repaired. */
  geometry: Polygon | MultiPolygon;
  /** As read, in the source CRS (before swapping or unit scaling). */
  sourceGeometry: Geometry;
  areaM2: number;
  areaMu: number;
  valid: boolean;
  repairs: Message[];
  flags: Message[];
  sourceLayer?: string;
  properties: Record<string, unknown>;
}

export interface InspectResult {
  source: {
    format: ReadResult['format'];
    /** Code of the CRS used: 'EPSG:4528', 'SH2000', 'GCJ-02', 'PROJ4', 'WKT', 'LOCAL:<id>'. */
    crs: string;
    crsName: Bilingual;
    /** true when guessed from coordinate values (no user choice, no usable declaration in the file). */
    crsDetected: boolean;
    confidence: number;
    rule: string;
    alternatives: Alternative[];
    axesSwapped: boolean;
    unitsToMetres: number;
    /** Present when the CRS definition is approximate: what the user must be told. */
    approximate?: Bilingual;
    proj4?: string;
  };
  features: InspectFeature[];
  layers?: LayerInfo[];
  /** CAD texts, for the footprints purpose only. */
  texts?: InspectText[];
  decisions: Decision[];
  warnings: Message[];
  errors: Message[];
}

export async function ingestBoundary(files: InputFile[], opts: IngestOptions = {}): Promise<InspectResult> {
  return processReadResult(await readForIngest(files, opts), opts);
}

/** ingestBoundary a feature at a time (streamReadResult): for a caller that writes each feature on. */
export async function ingestBoundaryStream(files: InputFile[], opts: StreamOptions = {}): Promise<InspectStream> {
  return streamReadResult(await readForIngest(files, opts), opts);
}

async function readForIngest(files: InputFile[], opts: IngestOptions): Promise<ReadResult> {
  const read = await readBoundaryFiles(files, {
    encoding: opts.encoding,
    layer: opts.layer,
    purpose: opts.purpose,
    releaseBytes: opts.releaseFiles
  });
  // The read result never leaves this module (the upload jobs, which change layer, read through
  // readBoundaryFiles and keep theirs): the reader's store of every layer's rings can go before the copies below.
  delete read.relayer;
  if (opts.releaseFiles) files.length = 0;
  return read;
}

function reprojectTexts(
  texts: NonNullable<ReadResult['texts']>,
  choice: Parameters<typeof reprojectGeometry>[1]
): InspectText[] {
  return texts.map((t) => {
    const g = reprojectGeometry({ type: 'Polygon', coordinates: [[[t.x, t.y]]] }, choice) as Polygon;
    const [lon, lat] = g.coordinates[0][0];
    return { layer: t.layer, lon, lat, text: t.text };
  });
}

const numbered = (i: number, m: Message, n: number): Message =>
  n > 1 ? { ...m, zh: `要素 ${i + 1}：${m.zh}`, en: `feature ${i + 1}: ${m.en}` } : m;

/** An inspection whose features are processed as they are read from `features` (each once, in order): only one
 *  feature's EPSG:4490 copy is alive at a time, and a writer can send each on and drop it (`zeroland inspect
 *  --json`; bench/ingest/README.md, stop 15). `features` throws `no-valid-polygon` at its end when none is valid;
 *  the members after `features` are complete once it has been read to the end. */
export type InspectStream = Omit<InspectResult, 'features'> & {
  features: Iterable<InspectFeature>;
  /** Whether no feature can be refused for lying outside Shanghai while `features` is read: every position was
   *  checked before this returned, or no check was asked for. When not, `features` throws at the first feature
   *  outside, and a writer must keep what it writes back until the end. Not part of the result. */
  extentSettled: boolean;
};

export interface StreamOptions extends IngestOptions {
  /** Check every position against Shanghai before the first feature is given out (a writer that sends each
   *  feature on cannot take it back), rather than feature by feature (one pass fewer). */
  checkFirst?: boolean;
  /** With checkFirst, only for a file of more positions than this: a smaller one is checked feature by feature,
   *  and its writer keeps its output back until the end (what that costs in memory is bounded by this). */
  checkFirstAbove?: number;
}

/** Every stage after the reader, a feature at a time. The CRS is chosen before this returns, and with `checkFirst`
 *  (for a file over `checkFirstAbove` positions, when given) the Shanghai extent checked too: `extentSettled`. */
export function streamReadResult(read: ReadResult, opts: StreamOptions = {}): InspectStream {
  if (read.features.length === 0) {
    throw userError('no-polygon', '文件中没有可用的面（多边形）', 'The file holds no polygon to use as a boundary');
  }
  const choice = chooseCrs(read, { crs: opts.crs, localSystems: opts.localSystems });
  const sources = read.features.map((f) => f.geometry);
  const inShanghai = opts.requireShanghai ?? true;
  const checkFirst =
    inShanghai &&
    !!opts.checkFirst &&
    (opts.checkFirstAbove === undefined || sources.reduce((n, g) => n + positionCount(g), 0) > opts.checkFirstAbove);
  if (checkFirst) assertInShanghai(sources, choice);

  const warnings: Message[] = [...read.warnings, ...choice.warnings];
  if (choice.crs.approximate && !warnings.some((w) => w.code === 'crs-approximate'))
    warnings.push({ code: 'crs-approximate', ...choice.crs.approximate });
  const errors: Message[] = [];
  const n = read.features.length;
  function* features(): Generator<InspectFeature> {
    let anyValid = false;
    for (let i = 0; i < n; i++) {
      const f = read.features[i];
      const source = readOnce(sources[i]);
      const reprojected = reprojectGeometry(source, choice);
      if (inShanghai && !checkFirst) assertInShanghai(sources, choice, reprojected);
      const v = validateGeometry(reprojected);
      v.flags.forEach((m) => warnings.push(numbered(i, m, n)));
      v.errors.forEach((m) => errors.push(numbered(i, m, n)));
      anyValid ||= v.valid;
      yield {
        geometry: v.geometry,
        sourceGeometry: source,
        areaM2: Math.round(v.areaM2 * 100) / 100,
        areaMu: Math.round(toMu(v.areaM2) * 1000) / 1000,
        valid: v.valid,
        repairs: v.repairs,
        flags: v.flags,
        sourceLayer: (f.properties?.layer as string | undefined) ?? read.sourceLayer,
        properties: f.properties ?? {}
      };
    }
    if (!anyValid) {
      const first = errors[0];
      throw userError('no-valid-polygon', `没有有效的面：${first?.zh ?? ''}`, `No valid polygon: ${first?.en ?? ''}`);
    }
  }
  return {
    source: {
      format: read.format,
      crs: choice.crs.code,
      crsName: choice.crs.name,
      crsDetected: choice.detected,
      confidence: choice.confidence,
      rule: choice.rule,
      alternatives: choice.alternatives,
      axesSwapped: choice.swapped,
      unitsToMetres: choice.unitsToMetres,
      ...(choice.crs.approximate ? { approximate: choice.crs.approximate } : {}),
      ...(choice.crs.code === 'PROJ4' || choice.crs.code === 'WKT' || choice.crs.code.startsWith('LOCAL:')
        ? { proj4: choice.crs.proj4 }
        : {})
    },
    features: features(),
    extentSettled: checkFirst || !inShanghai,
    ...(read.layers ? { layers: read.layers } : {}),
    ...(read.texts ? { texts: reprojectTexts(read.texts, choice) } : {}),
    decisions: [...read.decisions, ...choice.decisions],
    warnings,
    errors
  };
}

/** Every stage after the reader, the whole result at once; exported so stages can be tested on hand-built
 *  ReadResults. */
export function processReadResult(read: ReadResult, opts: IngestOptions = {}): InspectResult {
  const { extentSettled: _, ...s } = streamReadResult(read, opts);
  return { ...s, features: [...s.features] };
}
