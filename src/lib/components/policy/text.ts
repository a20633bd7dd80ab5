// Texts of the policy rules' panels (issue 12), in both languages, kept beside the components.
import type { Lang } from '../../i18n/index.ts';

const T = {
  banner_withdrawn: {
    zh: '{district}的优质项目认定权已于 {since} 被市级部门收回（沪经信规范〔2020〕9号 二.5）。收回期间本区不能作出认定，待定项目由区产业部门报市“三委两局”审核认定。',
    en: "{district}'s recognition authority was withdrawn by the city on {since} (clause 二.5). Meanwhile the district cannot decide; the district industry department forwards pending projects to the city review."
  },
  banner_reason: { zh: '理由：{note}', en: 'Reason: {note}' },
  gaps_title: { zh: '正面清单未全部符合（一.3、一.4）', en: 'Positive list not fully met (clauses 一.3, 一.4)' },
  gaps_intro: {
    zh: '以下标准不符合或尚未核查。如仍予认定，请记录理由；理由与未符合的标准一并记入日志，并计入市级“认定标准偏差”统计。',
    en: 'These criteria fail or are not yet judged. To recognise anyway, record a justification; it is logged with the criteria and counted in the city\'s "recognised although the standard was not met" figures.'
  },
  gap_fail: { zh: '不符合', en: 'Fails' },
  gap_review: { zh: '待核查', en: 'Not judged' },
  justification: { zh: '仍予认定的理由（必填）', en: 'Justification for recognising anyway (required)' },
  policy_title: { zh: '政策依据与约束', en: 'Policy basis and constraints' },
  governing: { zh: '适用政策文件', en: 'Governing policy' },
  in_force_today: { zh: '今日有效', en: 'In force today' },
  expired: {
    zh: '已过有效期：须由系统管理员登记延期或后续文件后方可认定',
    en: 'Expired: recognition is refused until the administrator records an extension or successor'
  },
  sample: { zh: '示意', en: 'sample' },
  sanctions: { zh: '在执行的处置措施（二.5）', en: 'Sanctions in force (clause 二.5)' },
  no_sanctions: { zh: '无', en: 'None' },
  construction_blocked: {
    zh: '施工许可、开工、竣工暂不能登记：',
    en: 'Construction permit, start and completion cannot be recorded now:'
  },
  plan_pending: { zh: '规划调整尚未完成（一.4(3)）', en: 'the plan adjustment is pending (一.4(3))' },
  ctype_only_rebuild: {
    zh: '开发边界内、未在规划中保留的地块只能“改建”（一.4(2)）',
    en: 'Inside the development boundary and not retained in the plan: rebuild only (一.4(2))'
  },
  lift: { zh: '解除', en: 'Lift' },
  lift_reason: { zh: '解除理由', en: 'Reason for lifting' },
  lifted: { zh: '已解除', en: 'Lifted' },
  authority_title: { zh: '区认定权（二.5）', en: 'District recognition authority (clause 二.5)' },
  authority_withdrawn_list: { zh: '认定权已收回的区', en: 'Districts whose authority is withdrawn' },
  authority_none: { zh: '目前没有被收回认定权的区。', en: 'No district has its authority withdrawn.' },
  authority_measure: { zh: '对区采取措施', en: 'Measure against a district' },
  authority_restore: { zh: '恢复认定权', en: 'Restore authority' },
  since: { zh: '自 {since}', en: 'since {since}' },
  district: { zh: '区', en: 'District' },
  measure: { zh: '措施', en: 'Measure' },
  reason: { zh: '理由（必填）', en: 'Reason (required)' },
  record: { zh: '登记', en: 'Record' },
  deviation: { zh: '标准偏差认定', en: 'Recognised below standard' },
  overlap_title: {
    zh: '地块与其他项目重叠（一块地只能有一个在办或已认定的项目）',
    en: 'The parcel overlaps other projects (one parcel, one live project)'
  },
  overlap_intro: {
    zh: '重叠超过 100 平方米或任一地块面积的 1% 时提示。区产业部门受理前须核实并填写理由（附件 二.1、二.5）。',
    en: 'Shown when an overlap exceeds 100 m² or 1% of either parcel. The district lead must check it and give a reason before accepting (Annex 二.1, clause 二.5).'
  },
  overlap_hidden: { zh: '另一项目（您无权查看其详情）', en: 'Another project (not visible to you)' },
  overlap_area: { zh: '重叠 {m2} 平方米，占本地块 {share}', en: 'Overlap {m2} m², {share} of this parcel' },
  overlap_ack: { zh: '已核实：{reason}（{by}，{at}）', en: 'Checked: {reason} ({by}, {at})' },
  overlap_newer: {
    zh: '对方申请较晚，由其受理时核实',
    en: 'The other application is newer; it is checked when that one is accepted'
  },
  overlap_pending: { zh: '待区产业部门核实', en: "Awaiting the district lead's check" },
  overlap_reason: {
    zh: '地块重叠核实理由（必填，如同一企业重新申报、界址误差）',
    en: 'Why the overlap is acceptable (required, e.g. the same enterprise applying again, a boundary error)'
  }
} as const;

export type PolicyTextKey = keyof typeof T;

export function ptx(lang: Lang, key: PolicyTextKey, vars?: Record<string, string | number>): string {
  let s: string = T[key][lang];
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** Shanghai "YYYY-MM-DD HH:mm". */
export const shMinute = (iso: string | null) =>
  iso
    ? new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Asia/Shanghai',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hour12: false
      }).format(new Date(iso))
    : '';
