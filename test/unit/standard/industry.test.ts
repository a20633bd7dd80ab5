// Prefix matching at section, division, group and class level, and the shipped GB/T 4754-2017 table.
import { describe, expect, it } from 'vitest';
import { ancestry, levelOf, matchIndustry } from '../../../src/lib/domain/standard/industry.ts';
import { SECTION_DIVISIONS } from '../../../src/lib/domain/industry-code.ts';
import table from '../../../seed/standards/gbt4754-2017.json' with { type: 'json' };

describe('matchIndustry', () => {
  it('matches at every level, naming the most specific entry', () => {
    expect(matchIndustry('C3973', ['C'])).toEqual({ match: 'yes', entry: 'C' });
    expect(matchIndustry('C3973', ['C39'])).toEqual({ match: 'yes', entry: 'C39' });
    expect(matchIndustry('C3973', ['C397'])).toEqual({ match: 'yes', entry: 'C397' });
    expect(matchIndustry('C3973', ['C3973'])).toEqual({ match: 'yes', entry: 'C3973' });
    expect(matchIndustry('C3973', ['C', 'C39', 'C397'])).toEqual({ match: 'yes', entry: 'C397' });
  });
  it('does not match a sibling or a different section with the same digits', () => {
    expect(matchIndustry('C3973', ['C3974', 'C398', 'C38'])).toEqual({ match: 'no' });
    expect(matchIndustry('I6510', ['C65'])).toEqual({ match: 'no' });
    // C13 is not a prefix of C1 3…: 'C131' vs entry 'C13' matches, 'C1' + '31' does not match 'C31'.
    expect(matchIndustry('C1310', ['C31'])).toEqual({ match: 'no' });
  });
  it('a coarser project code is undetermined against finer entries', () => {
    expect(matchIndustry('C39', ['C3973', 'C3974', 'C38'])).toEqual({
      match: 'undetermined',
      entries: ['C3973', 'C3974']
    });
  });
  it('levels and ancestry', () => {
    expect(['C', 'C35', 'C358', 'C3581', 'C358X'].map(levelOf)).toEqual([
      'section',
      'division',
      'group',
      'class',
      null
    ]);
    expect(ancestry('C3581')).toEqual(['C', 'C35', 'C358', 'C3581']);
  });
});

describe('shipped GB/T 4754-2017 table', () => {
  const codes = table.codes.map((c) => c[0]);
  it('has all 20 sections and 97 divisions, each division in its section', () => {
    expect(codes.filter((c) => c.length === 1)).toHaveLength(20);
    const divisions = codes.filter((c) => c.length === 3);
    expect(divisions).toHaveLength(97);
    for (const d of divisions) {
      const [lo, hi] = SECTION_DIVISIONS[d[0]];
      expect(Number(d.slice(1)), d).toBeGreaterThanOrEqual(lo);
      expect(Number(d.slice(1)), d).toBeLessThanOrEqual(hi);
    }
  });
  it('every manufacturing division C13–C43 has groups, every group and class has its parent', () => {
    for (let n = 13; n <= 43; n++)
      expect(
        codes.some((c) => c.length === 4 && c.startsWith(`C${n}`)),
        `C${n}`
      ).toBe(true);
    const set = new Set(codes);
    for (const c of codes.filter((x) => x.length >= 4)) expect(set.has(c.slice(0, c.length - 1)), c).toBe(true);
  });
  it('says how complete it is', () => {
    expect(table.completeness.zh).toContain('load-codes');
    expect(table.counts).toEqual({ section: 20, division: 97, group: 178, class: 173 });
  });
});
