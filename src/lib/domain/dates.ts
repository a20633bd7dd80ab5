// Calendar dates as 'YYYY-MM-DD' strings, always meant in Asia/Shanghai (the policy's working days are
// Shanghai office days). Arithmetic runs on UTC midnights so the machine's local TZ never leaks in.

export type IsoDate = string; // 'YYYY-MM-DD'

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  return new Date(t).toISOString().slice(0, 10) === value; // rejects 2026-02-30
}

function toUtcMs(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  if (!m || !isIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3]);
}

const fromUtcMs = (ms: number): IsoDate => new Date(ms).toISOString().slice(0, 10);

/** date + n calendar days. */
export const addDays = (date: IsoDate, n: number): IsoDate => fromUtcMs(toUtcMs(date) + n * DAY_MS);

/** 0 = Sunday … 6 = Saturday, for the calendar date itself (no TZ involved). */
export const dayOfWeek = (date: IsoDate): number => new Date(toUtcMs(date)).getUTCDay();

export const yearOf = (date: IsoDate): number => +date.slice(0, 4);

/** Whole calendar days from a to b (b − a). */
export const daysBetween = (a: IsoDate, b: IsoDate): number => Math.round((toUtcMs(b) - toUtcMs(a)) / DAY_MS);

const SHANGHAI_FORMAT = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit'
});

/** The Shanghai calendar date of an instant (e.g. 2026-09-30T16:30Z is already 2026-10-01 in Shanghai). */
export function shanghaiDate(instant: Date): IsoDate {
  if (Number.isNaN(instant.getTime())) throw new RangeError('invalid instant');
  const parts = SHANGHAI_FORMAT.formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
