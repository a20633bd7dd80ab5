// The positive list is the condition of recognition (沪经信规范〔2020〕9号 一.3 清单指引; 一.4 "符合…正面清单标准的").
// Recognising while any positive-list criterion fails or is still unjudged needs a justification recorded by the
// recognising authority (who, why, which criteria); the event keeps it and the city dashboard counts it.
import type { Bilingual } from '../standard/model.ts';
import type { Refusal } from '../workflow-model.ts';
import { ruleRefusal } from './common.ts';

export interface PositiveGap {
  criterionId: string;
  title: Bilingual;
  status: 'fail' | 'needs_review';
  clause: string;
}

interface ResultLike {
  criterionId: string;
  list: string;
  status: string;
  title: Bilingual;
  clause: string;
}

/** Positive-list criteria that fail or are still unjudged, failures first (the dialog shows them first). */
export function positiveGaps(results: readonly ResultLike[]): PositiveGap[] {
  const gaps = results
    .filter((r) => r.list === 'positive' && (r.status === 'fail' || r.status === 'needs_review'))
    .map((r) => ({
      criterionId: r.criterionId,
      title: r.title,
      status: r.status as PositiveGap['status'],
      clause: r.clause
    }));
  return [...gaps.filter((g) => g.status === 'fail'), ...gaps.filter((g) => g.status === 'needs_review')];
}

/** Shortest justification accepted: a reason, not a keystroke. */
export const MIN_JUSTIFICATION = 4;

export function checkPositiveList(
  gaps: readonly PositiveGap[],
  justification: string | null | undefined
): Refusal | null {
  if (gaps.length === 0) return null;
  const text = (justification ?? '').trim();
  if (text.length >= MIN_JUSTIFICATION) return null;
  const names = (k: 'zh' | 'en') =>
    gaps
      .map(
        (g) =>
          `“${g.title[k] || g.title.zh}”${g.status === 'fail' ? (k === 'zh' ? '不符合' : ' fails') : k === 'zh' ? '待核查' : ' unjudged'}`
      )
      .join(k === 'zh' ? '、' : ', ');
  return ruleRefusal(
    409,
    'positive_list_not_met',
    '一.3、一.4',
    `项目未全部符合正面清单：${names('zh')}；如仍予认定，须由认定机关记录理由`,
    `The project does not meet the positive list (正面清单): ${names('en')}; recognising it anyway needs a justification from the recognising authority`
  );
}

/** What the recognition event records when a justification was given. */
export function justificationRecord(gaps: readonly PositiveGap[], justification: string) {
  return {
    justification: justification.trim(),
    criteria: gaps.map((g) => ({ id: g.criterionId, status: g.status, title: g.title.zh }))
  };
}
