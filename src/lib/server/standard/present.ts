// The evaluation as the HTTP API returns it: titles, reasons and figure labels in the caller's language,
// with both languages kept under `i18n` (a client may show either without asking again).
import type { Lang } from '../../i18n/index.ts';
import { OUTCOME_LABELS } from '../../domain/standard/evaluate.ts';
import { STATUS_LABELS, LIST_LABELS, CHECK_KIND_LABELS } from '../../domain/standard/model.ts';
import type { ProjectEvaluationView } from './project-evaluation.service.ts';

export function presentEvaluation(v: ProjectEvaluationView, lang: Lang) {
  const e = v.evaluation;
  return {
    projectId: v.projectId,
    stage: v.stage,
    ruleSet: {
      ...v.ruleSet,
      title: v.ruleSet.title[lang] || v.ruleSet.title.zh,
      sampleNote: v.ruleSet.sample
        ? lang === 'zh'
          ? '示意规则集，非正式认定标准'
          : 'Sample rule set, not the official standard'
        : null
    },
    evaluatedAt: v.evaluatedAt,
    trigger: v.trigger,
    outcome: e.outcome,
    outcomeLabel: OUTCOME_LABELS[e.outcome][lang],
    counts: e.counts,
    negativeHits: e.negativeHits,
    positiveFails: e.positiveFails,
    blockingHits: v.blockingHits,
    results: e.results.map((r) => ({
      criterionId: r.criterionId,
      list: r.list,
      listLabel: LIST_LABELS[r.list][lang],
      kind: r.kind,
      kindLabel: CHECK_KIND_LABELS[r.kind][lang],
      title: r.title[lang] || r.title.zh,
      clause: r.clause,
      status: r.status,
      statusLabel: STATUS_LABELS[r.status][lang],
      reason: r.reason[lang] || r.reason.zh,
      placeholder: r.placeholder,
      /** 一.3: the city's criterion, or the district's own / stricter one. */
      source: r.source ?? 'city',
      missing: r.missing,
      figures: r.figures.map((f) => ({
        key: f.key,
        label: f.label[lang] || f.label.zh,
        value: f.value,
        unit: f.unit ? f.unit[lang] : null,
        i18n: { unit: f.unit ?? null },
        source: f.source ? f.source[lang] : null
      })),
      i18n: { title: r.title, reason: r.reason }
    })),
    newer: v.newer && {
      id: v.newer.id,
      version: v.newer.version,
      effectiveFrom: v.newer.effectiveFrom,
      outcomeFrom: v.newer.diff.outcomeFrom,
      outcomeTo: v.newer.diff.outcomeTo,
      changes: v.newer.diff.criteria.map((c) => ({
        criterionId: c.criterionId,
        title: c.title[lang] || c.title.zh,
        from: c.from,
        to: c.to,
        reason: c.reason ? c.reason[lang] || c.reason.zh : null
      }))
    },
    overrides: v.overrides,
    can: v.can,
    acts: v.acts
  };
}

export type PresentedEvaluation = ReturnType<typeof presentEvaluation>;

/** One line for a page's load: the checklist in the page's language. */
export async function loadChecklist(
  db: import('../db/index.ts').Db,
  user: import('../auth/session.ts').SessionUser,
  projectId: string,
  lang: Lang
) {
  const { getProjectEvaluation } = await import('./project-evaluation.service.ts');
  return presentEvaluation(await getProjectEvaluation(db, user, projectId), lang);
}
