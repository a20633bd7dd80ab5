// Dates as a Shanghai officer reads them, whatever the browser's or server's time zone.
import type { Lang } from '../../i18n/index.ts';

const TZ = 'Asia/Shanghai';

export function fmtDateTime(lang: Lang, iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false
  });
}

export function fmtDate(lang: Lang, iso: string | null | undefined): string {
  if (!iso) return '—';
  // A bare YYYY-MM-DD is already a Shanghai calendar date: do not shift it through UTC.
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString('sv-SE', { timeZone: TZ });
}

export const fmtNumber = (lang: Lang, n: number | null | undefined, digits = 2) =>
  n === null || n === undefined
    ? '—'
    : n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: digits });
