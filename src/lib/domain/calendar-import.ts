// Reading a year's holiday schedule as the administrator pastes it from the State Council's notice (issue 13.6).
// One line per day or range:  2027-01-01,holiday,元旦   2027-02-06~2027-02-12,放假,春节   2027-02-14,上班,春节
// Kinds: holiday / 放假 / 休, workday / 上班 / 调休 / 补班. Lines starting with # and blank lines are skipped.
// Every problem names its line; one bad line refuses the whole list (nothing half-imported).
import { addDays, dayOfWeek, isIsoDate, yearOf, type IsoDate } from './dates.ts';
import type { CalendarDay } from './working-days.ts';

const KINDS: Record<string, CalendarDay['kind']> = {
  holiday: 'holiday',
  放假: 'holiday',
  休: 'holiday',
  休息: 'holiday',
  workday: 'workday',
  上班: 'workday',
  调休: 'workday',
  补班: 'workday',
  调休上班: 'workday'
};

export interface ImportProblem {
  line: number;
  zh: string;
  en: string;
}
export type HolidayImport = { ok: true; days: CalendarDay[] } | { ok: false; problems: ImportProblem[] };

/** Longest range accepted on one line (Spring Festival with its weekend is 9 days). */
const MAX_RANGE = 31;

export function parseHolidayList(text: string, year: number): HolidayImport {
  const days = new Map<IsoDate, CalendarDay>();
  const problems: ImportProblem[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const n = i + 1;
    if (line === '' || line.startsWith('#')) return;
    const bad = (zh: string, en: string) => problems.push({ line: n, zh: `第 ${n} 行：${zh}`, en: `Line ${n}: ${en}` });
    const [when = '', kindRaw = '', ...rest] = line.split(/[,，\t]/).map((s) => s.trim());
    const name = rest.join(' ').trim();
    const kind = KINDS[kindRaw.toLowerCase()];
    const [from, to = from] = when.split(/~|～|\.\.|至/).map((s) => s.trim());
    if (!isIsoDate(from) || !isIsoDate(to))
      return void bad(
        `日期应为 YYYY-MM-DD 或 YYYY-MM-DD~YYYY-MM-DD：“${when}”`,
        `the date must be YYYY-MM-DD or a range YYYY-MM-DD~YYYY-MM-DD: "${when}"`
      );
    if (!kind)
      return void bad(
        `类型应为 holiday（放假）或 workday（调休上班）：“${kindRaw}”`,
        `the kind must be holiday or workday: "${kindRaw}"`
      );
    if (!name) return void bad('缺少节日名称（如“春节”）', 'the festival name is missing (e.g. 春节)');
    if (to < from) return void bad(`结束日期早于开始日期：${when}`, `the range ends before it starts: ${when}`);
    const range: IsoDate[] = [];
    for (let d = from; d <= to && range.length <= MAX_RANGE; d = addDays(d, 1)) range.push(d);
    if (range.length > MAX_RANGE) return void bad(`一行最多 ${MAX_RANGE} 天`, `at most ${MAX_RANGE} days per line`);
    for (const d of range) {
      if (yearOf(d) !== year) return void bad(`${d} 不在 ${year} 年内`, `${d} is not in ${year}`);
      const dow = dayOfWeek(d);
      if (kind === 'workday' && dow !== 0 && dow !== 6)
        return void bad(
          `${d} 本来就是工作日，无须登记为调休上班`,
          `${d} is a weekday already; it need not be a make-up working day`
        );
      const prev = days.get(d);
      if (prev && prev.kind !== kind)
        return void bad(`${d} 同时登记为放假和上班`, `${d} is listed as both holiday and working day`);
      days.set(d, { date: d, kind, name });
    }
  });
  if (problems.length) return { ok: false, problems };
  if (days.size === 0)
    return { ok: false, problems: [{ line: 0, zh: '没有可导入的日期。', en: 'There are no days to import.' }] };
  if (![...days.values()].some((d) => d.kind === 'holiday')) {
    return {
      ok: false,
      problems: [
        {
          line: 0,
          zh: `${year} 年的安排中没有放假日，请检查是否粘贴完整。`,
          en: `The ${year} schedule has no holiday; check that it was pasted completely.`
        }
      ]
    };
  }
  return { ok: true, days: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)) };
}
