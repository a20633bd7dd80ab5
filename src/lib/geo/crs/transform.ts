// A resolved source CRS and the function that takes its coordinates to CGCS2000 lon/lat (EPSG:4490).
import proj4 from 'proj4';
import { CRS_REGISTRY, TARGET_CODE, OBFUSCATED, type Bilingual, type ObfuscatedId } from './registry.ts';
import { bd09ToWgs84, gcj02ToWgs84 } from './gcj02.ts';
import { applySimilarity, invertSimilarity } from './local-fit.ts';
import { etmercConverter, type EtmercConverter } from './etmerc.ts';

export type XY = [number, number];

/** A local grid configured by the administrator: their proj4 string, or a fitted similarity onto a CGCS2000 plane. */
export type LocalSystem =
  | { id: string; name: Bilingual; proj4: string; approximate?: Bilingual }
  | {
      id: string;
      name: Bilingual;
      similarity: { a: number; b: number; tx: number; ty: number };
      plane: string;
      approximate?: Bilingual;
      rmsM?: number;
    };

export interface ResolvedCrs {
  /** 'EPSG:4528', 'SH2000', 'GCJ-02', 'LOCAL:<id>', or 'PROJ4' / 'WKT' for a definition given as text. */
  code: string;
  name: Bilingual;
  kind: 'geographic' | 'projected';
  proj4?: string;
  approximate?: Bilingual;
  obfuscated?: ObfuscatedId;
  similarity?: { a: number; b: number; tx: number; ty: number; plane: string };
}

export function fromRegistry(code: string): ResolvedCrs {
  const d = CRS_REGISTRY[code];
  if (!d) throw new Error(`unknown registry code ${code}`);
  return { code: d.code, name: d.name, kind: d.kind, proj4: d.proj4, approximate: d.approximate };
}

export function fromObfuscated(id: ObfuscatedId): ResolvedCrs {
  return { code: id, name: OBFUSCATED[id], kind: 'geographic', obfuscated: id };
}

export function fromLocalSystem(l: LocalSystem): ResolvedCrs {
  const code = CRS_REGISTRY[l.id] ? l.id : `LOCAL:${l.id}`;
  if ('proj4' in l) return { code, name: l.name, kind: 'projected', proj4: l.proj4, approximate: l.approximate };
  return {
    code,
    name: l.name,
    kind: 'projected',
    similarity: { ...l.similarity, plane: l.plane },
    approximate: l.approximate
  };
}

// by `from`, then `to`: the definitions are looked up as they are (a string keeps its hash), where a key joined
// from the two (~200 characters) was made and hashed again on every call, one per parcel (~7 ms for 5,000)
const converters = new Map<string, Map<string, proj4.Converter>>();
function converter(from: string, to: string = CRS_REGISTRY[TARGET_CODE].proj4): proj4.Converter {
  let byTo = converters.get(from);
  if (!byTo) converters.set(from, (byTo = new Map()));
  let c = byTo.get(to);
  if (!c) {
    let viaProj4: proj4.Converter | undefined;
    const byProj4 = () => (viaProj4 ??= proj4(from, to));
    // a Gauss-Krüger plane ↔ lon/lat: the same numbers without proj4's per-point objects (./etmerc.ts)
    c = (etmercConverter(from, to, byProj4) as proj4.Converter | undefined) ?? byProj4();
    byTo.set(to, c);
  }
  return c;
}

/** True when proj4js accepts the definition (proj4 string or WKT). */
export function proj4Accepts(def: string): boolean {
  try {
    converter(def).forward([0, 0]);
    return true;
  } catch {
    return false;
  }
}

/** Source coordinates → EPSG:4490 lon/lat. NaN out means the point could not be transformed. */
export function toLonLatFn(crs: ResolvedCrs): (p: XY) => XY {
  if (crs.obfuscated === 'GCJ-02') return (p) => gcj02ToWgs84(p);
  if (crs.obfuscated === 'BD-09') return (p) => bd09ToWgs84(p);
  if (crs.similarity) {
    const s = crs.similarity;
    const c = converter(CRS_REGISTRY[s.plane]?.proj4 ?? s.plane);
    return (p) => c.forward(applySimilarity(s, p)) as XY;
  }
  if (crs.code === TARGET_CODE || crs.code === 'EPSG:4326') return (p) => [p[0], p[1]];
  const c = converter(crs.proj4!);
  return (p) => {
    try {
      return c.forward(p) as XY;
    } catch {
      return [NaN, NaN];
    }
  };
}

/** toLonLatFn(crs) writing into `out` instead of returning an array, where the converter can (a Gauss-Krüger
 *  plane: ./etmerc.ts); undefined otherwise. For a pass that checks every position and keeps none. */
export function toLonLatIntoFn(crs: ResolvedCrs): ((x: number, y: number, out: number[]) => void) | undefined {
  if (crs.obfuscated || crs.similarity || crs.code === TARGET_CODE || crs.code === 'EPSG:4326') return undefined;
  const into = (converter(crs.proj4!) as Partial<EtmercConverter>).forwardInto;
  if (!into) return undefined;
  return (x, y, out) => {
    try {
      into(x, y, out);
    } catch {
      out[0] = out[1] = NaN;
    }
  };
}

/** EPSG:4490 lon/lat → source coordinates (used to write test fixtures and to locate issues). */
export function fromLonLatFn(crs: ResolvedCrs): (p: XY) => XY {
  if (crs.obfuscated) throw new Error('forward obfuscation is not offered (see gcj02.ts for tests)');
  if (crs.similarity) {
    const s = crs.similarity;
    const c = converter(CRS_REGISTRY[s.plane]?.proj4 ?? s.plane);
    return (p) => invertSimilarity(s, c.inverse(p) as XY);
  }
  if (crs.code === TARGET_CODE || crs.code === 'EPSG:4326') return (p) => [p[0], p[1]];
  const c = converter(crs.proj4!);
  return (p) => c.inverse(p) as XY;
}

/** Forward/inverse between lon/lat and a registry plane, e.g. EPSG:4549 for areas (with forwardInto when the
 *  plane is a Gauss-Krüger one: ./etmerc.ts). */
export function planeConverter(code: string): proj4.Converter & Pick<EtmercConverter, 'forwardInto'> {
  return converter(CRS_REGISTRY[TARGET_CODE].proj4, CRS_REGISTRY[code].proj4);
}
