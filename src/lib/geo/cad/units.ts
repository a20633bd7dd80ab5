// Drawing units: $INSUNITS (DXF Reference, HEADER variables) to metres, and whether to trust it.
import type { Decision, Message } from '../types.ts';
import type { CadEntity } from './model.ts';

/** $INSUNITS code → metres per drawing unit. 0 = unitless; 21 = US survey foot (1200/3937 m). */
export const INSUNITS_TO_METRES: Record<number, { name: string; m: number }> = {
  1: { name: 'in', m: 0.0254 },
  2: { name: 'ft', m: 0.3048 },
  3: { name: 'mi', m: 1609.344 },
  4: { name: 'mm', m: 0.001 },
  5: { name: 'cm', m: 0.01 },
  6: { name: 'm', m: 1 },
  7: { name: 'km', m: 1000 },
  8: { name: 'µin', m: 2.54e-8 },
  9: { name: 'mil', m: 2.54e-5 },
  10: { name: 'yd', m: 0.9144 },
  11: { name: 'Å', m: 1e-10 },
  12: { name: 'nm', m: 1e-9 },
  13: { name: 'µm', m: 1e-6 },
  14: { name: 'dm', m: 0.1 },
  15: { name: 'dam', m: 10 },
  16: { name: 'hm', m: 100 },
  17: { name: 'Gm', m: 1e9 },
  18: { name: 'AU', m: 1.495978707e11 },
  19: { name: 'ly', m: 9.4607304725808e15 },
  20: { name: 'pc', m: 3.085677581491367e16 },
  21: { name: 'US survey ft', m: 1200 / 3937 }
};

/** Coordinate ranges (metres) of Shanghai in CGCS2000 3° Gauss-Krüger: northings 3.33–3.55 Mm (30.6–32.0°N);
 *  eastings without zone prefix 0.2–0.8 Mm, or with the zone prefix 40/41 (EPSG:4528/4529) 40.2–41.8 Mm. */
const GK_NORTHING_M: [number, number] = [3.2e6, 3.7e6];
const GK_EASTING_M: [number, number] = [1e5, 9e5];
const GK_PREFIXED_EASTING_M: [number, number] = [40.0e6, 41.99e6];

export interface BBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Rough extent from model-space vertices and anchor points, for the units guard (before densifying), grown
 *  one entity at a time: the DXF reader may read it in a pass of its own (dxf-stream.ts). */
export class RawExtent {
  private readonly b: BBox = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };

  private see(x: number, y: number): void {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    const b = this.b;
    if (x < b.minX) b.minX = x;
    if (x > b.maxX) b.maxX = x;
    if (y < b.minY) b.minY = y;
    if (y > b.maxY) b.maxY = y;
  }

  add(e: CadEntity): void {
    const g = e.geom;
    if (g.kind === 'polyline') for (const v of g.vertices) this.see(v.x, v.y);
    else if (g.kind === 'line') {
      this.see(g.a[0], g.a[1]);
      this.see(g.b[0], g.b[1]);
    } else if (g.kind === 'circle' || g.kind === 'arc' || g.kind === 'ellipse') this.see(g.center[0], g.center[1]);
    else if (g.kind === 'insert') this.see(g.at[0], g.at[1]);
  }

  /** undefined when nothing was seen. */
  get box(): BBox | undefined {
    return this.b.minX <= this.b.maxX ? { ...this.b } : undefined;
  }
}

function within(v: number, r: [number, number]): boolean {
  return v >= r[0] && v <= r[1];
}

/** True when raw drawing coordinates already read as Shanghai Gauss-Krüger metres. */
export function looksLikeGaussKrugerMetres(b: BBox): boolean {
  const eastOk = (r: [number, number]) => within(b.minX, r) && within(b.maxX, r);
  return (
    within(b.minY, GK_NORTHING_M) &&
    within(b.maxY, GK_NORTHING_M) &&
    (eastOk(GK_EASTING_M) || eastOk(GK_PREFIXED_EASTING_M))
  );
}

export interface UnitsDecision {
  factor: number;
  unitsToMetres?: number;
  decision: Decision;
  warnings: Message[];
}

/**
 * Scale to metres when $INSUNITS says so, with one guard: AutoCAD's metric template (acadiso.dwt) sets
 * INSUNITS = 4 (mm), and survey drawings drawn in metres often keep it. If the raw numbers already are
 * Shanghai Gauss-Krüger metres, scaling them by 0.001 would be wrong, so the factor is reported, not applied.
 */
export function decideUnits(insunits: number | undefined, raw: BBox | undefined): UnitsDecision {
  const u = insunits !== undefined ? INSUNITS_TO_METRES[insunits] : undefined;
  if (!u) {
    return {
      factor: 1,
      decision: {
        what: 'units',
        value: 'm',
        rule: insunits ? `insunits-${insunits}-unknown-assume-metres` : 'insunits-absent-assume-metres',
        alternatives: ['mm']
      },
      warnings: []
    };
  }
  if (u.m === 1)
    return { factor: 1, unitsToMetres: 1, decision: { what: 'units', value: 'm', rule: 'insunits-6' }, warnings: [] };
  if (raw && looksLikeGaussKrugerMetres(raw)) {
    return {
      factor: 1,
      unitsToMetres: u.m,
      decision: {
        what: 'units',
        value: 'm',
        rule: `insunits-${insunits}-not-applied-coordinates-are-gauss-kruger-metres`,
        alternatives: [u.name]
      },
      warnings: [
        {
          code: 'dxf_insunits_ignored',
          zh: `图纸单位设置为 ${u.name}（$INSUNITS=${insunits}），但坐标数值已是上海高斯-克吕格坐标（米），按米处理，未缩放。`,
          en: `The drawing says its units are ${u.name} ($INSUNITS=${insunits}) but the coordinates already read as Shanghai Gauss-Krüger metres; they were kept as metres, not scaled.`
        }
      ]
    };
  }
  return {
    factor: u.m,
    unitsToMetres: u.m,
    decision: { what: 'units', value: `${u.name}→m ×${u.m}`, rule: `insunits-${insunits}-applied` },
    warnings: []
  };
}
