// The Gauss-Krüger path without proj4's per-point objects must give proj4's numbers bit for bit (the inspect JSON
// and every area depend on them): every registry plane whose datum proj4 leaves alone, both directions, over
// Shanghai, its region and far off the central meridian (where etmerc gives up and returns Infinity).
import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import { CRS_REGISTRY, TARGET_CODE } from '../../../../src/lib/geo/crs/registry.ts';
import { etmercConverter, grs80Params } from '../../../../src/lib/geo/crs/etmerc.ts';

/** Park-Miller: the same points every run. */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

const target = CRS_REGISTRY[TARGET_CODE].proj4!;
const planes = Object.values(CRS_REGISTRY).filter((d) => d.kind === 'projected' && d.proj4?.includes('+proj=tmerc'));

describe('etmerc without per-point objects', () => {
  it('derives the CGCS2000 planes parameters without proj4, bit for bit what proj4 derives', () => {
    const keys = ['a', 'x0', 'y0', 'long0', 'Qn', 'Zb', 'cbg', 'cgb', 'utg', 'gtu', 'projName', 'axis'] as const;
    let n = 0;
    for (const d of [...planes, CRS_REGISTRY[TARGET_CODE]]) {
      const mine = grs80Params(d.proj4!) as unknown as Record<string, unknown> | undefined;
      if (!mine) continue;
      n++;
      const ref = new proj4.Proj(d.proj4!) as unknown as Record<string, unknown>;
      for (const k of mine.projName === 'longlat' ? (['projName', 'axis'] as const) : keys) {
        const [x, y] = [mine[k], ref[k]];
        if (Array.isArray(x)) x.forEach((v, i) => expect(Object.is(v, (y as number[])[i])).toBe(true));
        else expect([d.code, k, x]).toEqual([d.code, k, y]);
      }
      const [dm, dr] = [mine.datum, ref.datum] as { datum_type: number; a: number; es: number }[];
      expect([dm.datum_type, dm.a, dm.es]).toEqual([dr.datum_type, dr.a, dr.es]);
      expect(ref.to_meter ?? ref.from_greenwich ?? ref.long_wrap ?? ref.over).toBeUndefined();
    }
    expect(n).toBeGreaterThan(20);
  });

  it('covers the CGCS2000 planes, not the shifted datums', () => {
    const fast = planes.filter((d) => etmercConverter(d.proj4!, target, () => proj4(d.proj4!, target)));
    expect(fast.map((d) => d.code)).toContain('EPSG:4549');
    // Beijing 1954 / Xi'an 1980 carry a datum shift: proj4 does those
    expect(fast.some((d) => d.proj4!.includes('krass'))).toBe(false);
    expect(etmercConverter(CRS_REGISTRY['EPSG:4326'].proj4!, target, () => proj4('EPSG:4326', target))).toBeUndefined();
  });

  it('gives proj4 numbers bit for bit, both ways, plane → lon/lat and lon/lat → plane', () => {
    const rand = rng(7);
    let checked = 0;
    let into = 0;
    for (const d of planes) {
      for (const [from, to] of [
        [d.proj4!, target],
        [target, d.proj4!]
      ]) {
        const ref = proj4(from, to);
        const fast = etmercConverter(from, to, () => ref);
        if (!fast) continue;
        const plane = from === d.proj4;
        const x0 = Number(/\+x_0=(\S+)/.exec(d.proj4!)![1]);
        const lon0 = Number(/\+lon_0=(\S+)/.exec(d.proj4!)![1]);
        for (let i = 0; i < 400; i++) {
          const far = i % 10 === 0; // off the zone, and now and then beyond etmerc's domain
          const p = plane
            ? [x0 + (rand() - 0.5) * (far ? 2e7 : 4e5), (rand() - 0.2) * (far ? 2e7 : 5e6)]
            : [lon0 + (rand() - 0.5) * (far ? 200 : 6), (rand() - 0.5) * (far ? 178 : 120)];
          for (const dir of ['forward', 'inverse'] as const) {
            const want = ref[dir]([p[0], p[1]]);
            const got = fast[dir]([p[0], p[1]]);
            if (!Object.is(got[0], want[0]) || !Object.is(got[1], want[1]))
              expect({ code: d.code, dir, p, got }).toEqual({ code: d.code, dir, p, got: want });
            checked++;
          }
          // lon/lat → plane written into an array (the area stage): the same numbers as forward
          if (fast.forwardInto) {
            const out = [0, 0];
            fast.forwardInto(p[0], p[1], out);
            const want = ref.forward([p[0], p[1]]);
            if (!Object.is(out[0], want[0]) || !Object.is(out[1], want[1]))
              expect({ code: d.code, into: true, p, out }).toEqual({ code: d.code, into: true, p, out: want });
            into++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(10_000);
    expect(into).toBeGreaterThan(5_000);
  });

  it('leaves a Z, and what proj4 refuses, to proj4', () => {
    const def = CRS_REGISTRY['EPSG:4549'].proj4!;
    const ref = proj4(def, target);
    const fast = etmercConverter(def, target, () => ref)!;
    expect(fast.forward([600000, 3440000, 5])).toEqual(ref.forward([600000, 3440000, 5]));
    expect(() => fast.forward([NaN, 3440000])).toThrow();
  });
});
