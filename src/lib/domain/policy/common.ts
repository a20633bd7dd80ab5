// Shared helpers of the policy rules (沪经信规范〔2020〕9号): every refusal names the rule and the clause,
// in Chinese first, then English, on one line each.
import type { Refusal } from '../workflow-model.ts';

export type Label = { zh: string; en: string };

/** A refusal naming the clause, e.g. ruleRefusal(409, 'authority_withdrawn', '二.5', '…', '…'). */
export function ruleRefusal(
  status: 403 | 409 | 400,
  code: string,
  clause: string,
  zh: string,
  en: string
): Refusal & { clause: string } {
  return { status, code, clause, zh: `${zh}（${clause}）`, en: `${en} (clause ${clause})` };
}

/** Shanghai wall-clock "YYYY-MM-DD HH:mm" of an ISO instant, for refusals that say "since when". */
export function shanghaiMinute(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const s = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false
  }).format(d);
  return s.replace(',', '');
}
