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

describe('holiday list import: what the administrator pastes', () => {
  const days = (text: string) => {
    const r = parseHolidayList(text, 2027);
    if (!r.ok) throw new Error(r.problems.map((p) => p.en).join('; '));
    return r.days.map((d) => `${d.date} ${d.kind} ${d.name}`);
  };
  const problems = (text: string) => {
    const r = parseHolidayList(text, 2027);
    if (r.ok) throw new Error('accepted');
    return r.problems;
  };

  it('a byte-order mark, indented lines, blank lines of spaces and spaces around fields are harmless', () =>
    expect(
      days(
        '\uFEFF2027-01-01,holiday,元旦\n   \n  # 春节\n  2027-02-06 ~ 2027-02-07 , 放假 ,  春节  \n2027-02-20\t上班\t春节'
      )
    ).toEqual([
      '2027-01-01 holiday 元旦',
      '2027-02-06 holiday 春节',
      '2027-02-07 holiday 春节',
      '2027-02-20 workday 春节'
    ]));

  it('a festival name of several fields is kept with spaces; a trailing comma adds nothing', () =>
    expect(days('2027-10-01,holiday,国庆节,中秋节\n2027-10-02,holiday,国庆节,')).toEqual([
      '2027-10-01 holiday 国庆节 中秋节',
      '2027-10-02 holiday 国庆节'
    ]));

  it('the days come out in date order whatever the order of the lines', () =>
    expect(days('2027-10-01,holiday,国庆节\n2027-02-07,休,春节\n2027-01-01,holiday,元旦')).toEqual([
      '2027-01-01 holiday 元旦',
      '2027-02-07 holiday 春节',
      '2027-10-01 holiday 国庆节'
    ]));

  it('a make-up working day may be a Saturday or a Sunday, not a weekday', () => {
    expect(days('2027-01-01,holiday,元旦\n2027-02-20,补班,春节\n2027-02-14,调休,春节')).toContain(
      '2027-02-20 workday 春节'
    );
    expect(problems('2027-01-01,holiday,元旦\n2027-02-10,workday,春节')[0]).toEqual({
      line: 2,
      zh: '第 2 行：2027-02-10 本来就是工作日，无须登记为调休上班',
      en: 'Line 2: 2027-02-10 is a weekday already; it need not be a make-up working day'
    });
  });

  it('a range is read up to 31 days; 32 days on one line is refused', () => {
    expect(days('2027-07-01~2027-07-31,holiday,暑假')).toHaveLength(31);
    expect(problems('2027-07-01~2027-08-01,holiday,暑假')).toEqual([
      { line: 1, zh: '第 1 行：一行最多 31 天', en: 'Line 1: at most 31 days per line' }
    ]);
  });

  it('each refusal says what is wrong on which line, in both languages', () => {
    expect(problems('2027-02-06~2027-02-30,holiday,春节')).toEqual([
      {
        line: 1,
        zh: '第 1 行：日期应为 YYYY-MM-DD 或 YYYY-MM-DD~YYYY-MM-DD：“2027-02-06~2027-02-30”',
        en: 'Line 1: the date must be YYYY-MM-DD or a range YYYY-MM-DD~YYYY-MM-DD: "2027-02-06~2027-02-30"'
      }
    ]);
    expect(problems('2027-05-01,休假,劳动节')[0].zh).toBe(
      '第 1 行：类型应为 holiday（放假）或 workday（调休上班）：“休假”'
    );
    expect(problems('2027-05-01,holiday')[0]).toEqual({
      line: 1,
      zh: '第 1 行：缺少节日名称（如“春节”）',
      en: 'Line 1: the festival name is missing (e.g. 春节)'
    });
    expect(problems('2027-05-05至2027-05-01,holiday,劳动节')[0]).toEqual({
      line: 1,
      zh: '第 1 行：结束日期早于开始日期：2027-05-05至2027-05-01',
      en: 'Line 1: the range ends before it starts: 2027-05-05至2027-05-01'
    });
    expect(problems('2027-12-31~2028-01-01,holiday,元旦')[0].en).toBe('Line 1: 2028-01-01 is not in 2027');
  });

  it('a day listed as holiday and as working day is refused; listed twice the same way it counts once', () => {
    expect(problems('2027-02-06~2027-02-07,holiday,春节\n2027-02-07,workday,春节')).toEqual([
      {
        line: 2,
        zh: '第 2 行：2027-02-07 同时登记为放假和上班',
        en: 'Line 2: 2027-02-07 is listed as both holiday and working day'
      }
    ]);
    expect(days('2027-02-06~2027-02-07,holiday,春节\n2027-02-07,放假,春节')).toHaveLength(2);
  });

  it('nothing to import, or no holiday at all, is said as such', () => {
    expect(problems('# 2027\n')).toEqual([{ line: 0, zh: '没有可导入的日期。', en: 'There are no days to import.' }]);
    expect(problems('2027-02-14,workday,春节')).toEqual([
      {
        line: 0,
        zh: '2027 年的安排中没有放假日，请检查是否粘贴完整。',
        en: 'The 2027 schedule has no holiday; check that it was pasted completely.'
      }
    ]);
  });
});
