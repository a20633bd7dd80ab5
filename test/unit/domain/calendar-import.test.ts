// Importing a year's holiday schedule pasted from the State Council notice (issue 13.6).
import { describe, expect, it } from 'vitest';
import { parseHolidayList } from '../../../src/lib/domain/calendar-import.ts';

describe('holiday list import', () => {
  it('reads single days and ranges, Chinese or English kinds, skips comments', () => {
    const r = parseHolidayList(
      '# 2027\n2027-01-01,holiday,元旦\n2027-02-06~2027-02-08，放假，春节\n2027-02-14,上班,春节\n',
      2027
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.days.map((d) => `${d.date} ${d.kind} ${d.name}`)).toEqual([
      '2027-01-01 holiday 元旦',
      '2027-02-06 holiday 春节',
      '2027-02-07 holiday 春节',
      '2027-02-08 holiday 春节',
      '2027-02-14 workday 春节'
    ]);
  });

  it('refuses the whole list naming each bad line', () => {
    const r = parseHolidayList(
      '2027-01-01,holiday,元旦\n2027-13-01,holiday,x\n2026-12-31,holiday,跨年\n2027-02-10,workday,春节\n2027-05-01,休假\n2027-10-01,holiday,',
      2027
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6]);
    expect(r.problems[1].zh).toBe('第 3 行：2026-12-31 不在 2027 年内');
    expect(r.problems[2].zh).toContain('本来就是工作日'); // 2027-02-10 is a Wednesday
    expect(r.problems[3].en).toContain('kind must be holiday or workday');
  });

  it('an empty list or one without any holiday is refused', () => {
    expect(parseHolidayList('\n# nothing\n', 2027).ok).toBe(false);
    expect(parseHolidayList('2027-02-14,workday,春节', 2027).ok).toBe(false);
  });
});
