// Validation and repair stage, on EPSG:4490 lon/lat geometry. Repairs change the geometry and are reported
// with their location; flags (slivers, spikes, tiny or absurd areas) are reported and left for the user.
// Self-intersections are repaired by a boolean union of the ring with itself (polygon-clipping, a
// Martinez–Rueda sweep that resolves crossings: the effect of GEOS's buffer(0)/MakeValid on a bow-tie).
import polygonClipping from 'polygon-clipping';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Message } from './types.ts';
import { polygonMeasures } from './area.ts';
import { at, cleanRing, fmt, orient, type XY } from './validate/rings.ts';
import { hypot2, pointInRing } from './planar.ts';
import { findCrossings } from './validate/intersections.ts';
import { packedMap } from './packed-map.ts';

/** Below 1 m² a "parcel" is almost certainly a units/CRS error (mm read as m, degrees read as metres). */
export const TINY_AREA_M2 = 1;
/** Above 50 km² (≈ 75 000 亩, larger than most towns) a single parcel is almost certainly a units/CRS error. */
export const ABSURD_AREA_M2 = 50e6;
/** Isoperimetric quotient 4πA/P² below this (a rectangle thinner than ~1:300) marks a sliver. */
export const SLIVER_IPQ = 0.01;
/** An interior angle under 1° with both edges longer than SPIKE_MIN_EDGE_M is a spike (digitising overshoot). */
export const SPIKE_ANGLE_DEG = 1;
export const SPIKE_MIN_EDGE_M = 0.05;

export interface ValidationResult {
  geometry: Polygon | MultiPolygon;
  valid: boolean;
  repairs: Message[];
  flags: Message[];
  errors: Message[];
  areaM2: number;
}

type Poly = XY[][];

const LABEL = (i: number) =>
  i === 0 ? { zh: '外环', en: 'outer ring' } : { zh: `第 ${i} 个内环（洞）`, en: `hole ${i}` };

function cleanPolygon(rings: number[][][], repairs: Message[], errors: Message[]): Poly | undefined {
  const out: Poly = [];
  for (let i = 0; i < rings.length; i++) {
    const c = cleanRing(rings[i], LABEL(i));
    repairs.push(...c.repairs);
    if (!c.ring) {
      if (i === 0) {
        errors.push(c.error!);
        return undefined;
      }
      repairs.push({
        code: 'hole-dropped',
        zh: `${LABEL(i).zh}无效，已删除：${c.error!.zh}`,
        en: `${LABEL(i).en} is not a ring and was dropped: ${c.error!.en}`,
        at: c.error!.at
      });
      continue;
    }
    out.push(c.ring);
  }
  return out;
}

/** Crossings → repaired parts; holes outside the shell are dropped (difference leaves them out). */
function repairPolygon(p: Poly, repairs: Message[]): Poly[] {
  const crossings = findCrossings(p);
  const [shell, ...holes] = p;
  const outside = holes.filter(
    (h, i) => !crossings.some((c) => c.rings.includes(i + 1)) && !pointInRing(h[0], shell) && !pointInRing(h[1], shell)
  );
  for (const h of outside) {
    repairs.push({
      code: 'hole-outside-shell',
      zh: `内环位于外环之外 (${fmt(h[0])})，已删除`,
      en: `A hole lies outside its shell (at ${fmt(h[0])}) and was dropped`,
      at: at(h[0])
    });
  }
  if (crossings.length === 0 && outside.length === 0) return [p];
  for (const c of crossings) {
    const zh = c.rings[0] === c.rings[1] ? '边界自相交' : '内环与外环（或内环之间）相交';
    const en = c.rings[0] === c.rings[1] ? 'Boundary crosses itself' : 'A hole crosses the shell or another hole';
    repairs.push({
      code: 'self-intersection',
      zh: `${zh}于 (${fmt(c.at)})，已修复`,
      en: `${en} at ${fmt(c.at)}: repaired`,
      at: at(c.at)
    });
  }
  const kept = holes.filter((h) => !outside.includes(h));
  let parts: Poly[];
  try {
    const base = polygonClipping.union([shell]);
    parts = kept.length ? polygonClipping.difference(base, ...kept.map((h) => [h])) : base;
  } catch {
    return [p]; // the clipper gave up: keep the geometry, the crossings above stay reported
  }
  if (parts.length > 1) {
    repairs.push({
      code: 'polygon-split',
      zh: `修复后拆分为 ${parts.length} 个部分`,
      en: `Split into ${parts.length} parts by the repair`,
      at: at(parts[0][0][0])
    });
  }
  return parts;
}

function spikes(ring: XY[], flags: Message[]): void {
  const k = Math.cos((ring[0][1] * Math.PI) / 180); // metres per degree east vs north
  const M = 111_320;
  for (let i = 0; i < ring.length - 1; i++) {
    const b = ring[i];
    const a = ring[(i - 1 + ring.length - 1) % (ring.length - 1)];
    const c = ring[i + 1];
    // edge vectors in metres as plain numbers: two arrays per vertex were most of this pass's cost
    const ux = (a[0] - b[0]) * k * M,
      uy = (a[1] - b[1]) * M;
    const vx = (c[0] - b[0]) * k * M,
      vy = (c[1] - b[1]) * M;
    const lu = hypot2(ux, uy),
      lv = hypot2(vx, vy);
    if (lu < SPIKE_MIN_EDGE_M || lv < SPIKE_MIN_EDGE_M) continue;
    const ang = (Math.acos(Math.max(-1, Math.min(1, (ux * vx + uy * vy) / (lu * lv)))) * 180) / Math.PI;
    if (ang < SPIKE_ANGLE_DEG) {
      flags.push({
        code: 'spike',
        zh: `疑似尖刺：顶点 (${fmt(b)}) 处夹角 ${ang.toFixed(2)}°`,
        en: `Possible spike: ${ang.toFixed(2)}° angle at ${fmt(b)}`,
        at: at(b)
      });
    }
  }
}

/** Validate and repair one EPSG:4490 geometry. */
export function validateGeometry(g: Polygon | MultiPolygon): ValidationResult {
  const repairs: Message[] = [];
  const flags: Message[] = [];
  const errors: Message[] = [];
  const input = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let parts: Poly[] = [];
  for (const rings of input) {
    const p = cleanPolygon(rings, repairs, errors);
    if (p) parts.push(...repairPolygon(p, repairs));
  }
  // Parts of a MultiPolygon must not overlap (OGC): merge them when their boxes meet and they overlap.
  if (parts.length > 1) {
    try {
      const merged = polygonClipping.union(parts[0], ...parts.slice(1));
      if (merged.length < parts.length) {
        repairs.push({
          code: 'parts-merged',
          zh: `重叠或相接的 ${parts.length} 个部分已合并为 ${merged.length} 个`,
          en: `${parts.length} overlapping or touching parts merged into ${merged.length}`,
          at: at(merged[0][0][0])
        });
        parts = merged;
      }
    } catch {
      /* keep the parts as they are */
    }
  }
  // Ring order is a storage convention (RFC 7946: outer counter-clockwise, holes clockwise), not a defect:
  // every Shapefile winds its outer rings clockwise by its own spec. Normalised silently, never shown to
  // the clerk as a repair (issue 14: "已自动修复 环的方向" alarmed users for perfectly normal files).
  parts = packedMap(parts, (p) => packedMap(p, (r, i) => orient(r, i === 0).ring));

  let areaM2 = 0;
  for (const p of parts) {
    const m = polygonMeasures(p);
    areaM2 += m.areaM2;
    const ipq = m.perimeterM > 0 ? (4 * Math.PI * m.areaM2) / m.perimeterM ** 2 : 0;
    if (m.areaM2 > 0 && ipq < SLIVER_IPQ) {
      flags.push({
        code: 'sliver',
        zh: `狭长碎片：面积 ${m.areaM2.toFixed(2)} m²、周长 ${m.perimeterM.toFixed(1)} m`,
        en: `Sliver: ${m.areaM2.toFixed(2)} m² with a ${m.perimeterM.toFixed(1)} m perimeter`,
        at: at(p[0][0])
      });
    }
    p.forEach((r) => spikes(r, flags));
  }
  if (parts.length > 0 && areaM2 < TINY_AREA_M2) {
    flags.push({
      code: 'area-tiny',
      zh: `面积仅 ${areaM2.toPrecision(3)} m²，几乎肯定是单位或坐标系错误`,
      en: `Area is only ${areaM2.toPrecision(3)} m²: almost certainly a units/CRS error`,
      at: at(parts[0][0][0])
    });
  } else if (areaM2 > ABSURD_AREA_M2) {
    flags.push({
      code: 'area-absurd',
      zh: `面积 ${(areaM2 / 1e6).toFixed(1)} km²，远超单个地块，几乎肯定是单位或坐标系错误`,
      en: `Area is ${(areaM2 / 1e6).toFixed(1)} km², far larger than a parcel: almost certainly a units/CRS error`,
      at: at(parts[0][0][0])
    });
  }
  const geometry: Polygon | MultiPolygon =
    parts.length === 1 ? { type: 'Polygon', coordinates: parts[0] } : { type: 'MultiPolygon', coordinates: parts };
  return { geometry, valid: errors.length === 0 && parts.length > 0, repairs, flags, errors, areaM2 };
}
