import { describe, expect, it } from 'vitest';
import { landAreaGap } from '../../../src/lib/domain/land-area.ts';

describe('land area on the form against the measured parcel', () => {
  it('stays quiet within 5%', () => {
    expect(landAreaGap(20_000, 20_900)).toBeNull();
    expect(landAreaGap(20_000, 19_100)).toBeNull();
  });
  it('flags a larger gap with both figures and the percentage', () => {
    const gap = landAreaGap(20_000, 43_170)!;
    expect(gap.ratio).toBeCloseTo(2.1585, 4);
    expect(gap.zh).toContain('20,000 m²');
    expect(gap.zh).toContain('43,170 m²');
    expect(gap.zh).toContain('相差 116%');
    expect(landAreaGap(20_000, 18_000)!.en).toContain('10% apart');
  });
  it('says nothing when either figure is missing', () => {
    expect(landAreaGap(undefined, 1000)).toBeNull();
    expect(landAreaGap(1000, null)).toBeNull();
    expect(landAreaGap(0, 1000)).toBeNull();
  });
});
