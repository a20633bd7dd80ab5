// Page texts of the verification, statistics and supervision pages, in both languages. Kept beside the
// components (not in i18n/zh.ts, en.ts) so this feature's strings live and change in one place.
import type { Lang } from '../../i18n/index.ts';

const T = {
  verify_title: { zh: '项目信息表核验', en: 'Project information sheet verification' },
  verify_genuine: {
    zh: '有效：本核验码对应平台出具的现行项目信息表。',
    en: 'Genuine: this code belongs to the current sheet issued by the platform.'
  },
  verify_superseded: {
    zh: '已作废：该项目信息表已被重新出具的版本取代，请以最新版本为准。',
    en: 'Superseded: the sheet was re-issued; only the latest version is valid.'
  },
  verify_unknown: {
    zh: '无效：平台未出具过此核验码的项目信息表，请核对核验码或警惕伪造。',
    en: 'Unknown: the platform never issued a sheet with this code; check the code or suspect a forgery.'
  },
  verify_code: { zh: '核验码', en: 'Verification code' },
  verify_project: { zh: '项目名称', en: 'Project name' },
  verify_issued: { zh: '出具日期', en: 'Issue date' },
  verify_superseded_at: { zh: '作废日期', en: 'Superseded on' },
  verify_sha: { zh: 'PDF 文件 SHA-256 摘要', en: 'SHA-256 of the PDF' },
  verify_sha_hint: {
    zh: '收到电子版 PDF 的，可在下方选择该文件：本页在您的浏览器中计算其摘要并与上面的摘要比对（文件不会上传），一致即为平台出具的原件。',
    en: 'Received the PDF itself? Choose it below: this page computes its fingerprint in your browser and compares it with the one above (the file is not uploaded); equal means it is the original the platform issued.'
  },
  verify_file: { zh: '选择要核对的 PDF 文件', en: 'Choose the PDF to check' },
  verify_file_same: {
    zh: '一致：该文件就是平台出具的原件。',
    en: 'Match: this file is the original the platform issued.'
  },
  verify_file_differs: {
    zh: '不一致：该文件与平台出具的原件不同（可能被修改过，或是其他版本）。',
    en: 'No match: this file differs from the original the platform issued (changed, or another version).'
  },
  verify_other: { zh: '核验其他核验码', en: 'Verify another code' },
  verify_go: { zh: '核验', en: 'Verify' },
  stats_title: { zh: '汇总统计', en: 'Summary statistics' },
  stats_sub: { zh: '申报项目一览表（含工作节点）', en: 'Projects with the date of every workflow node' },
  stats_export: { zh: '导出 Excel', en: 'Export to Excel' },
  stats_filter: { zh: '筛选', en: 'Filter' },
  stats_all: { zh: '全部', en: 'All' },
  stats_district: { zh: '所在区', en: 'District' },
  stats_stage: { zh: '阶段', en: 'Stage' },
  stats_land_type: { zh: '空间类型', en: 'Land type' },
  stats_overdue_only: { zh: '仅超期', en: 'Overdue only' },
  stats_from: { zh: '申报日期自', en: 'Submitted from' },
  stats_to: { zh: '至', en: 'to' },
  stats_search: { zh: '项目编号、名称或企业', en: 'Code, name or enterprise' },
  stats_count: { zh: '共 {n} 个项目', en: '{n} projects' },
  col_code: { zh: '项目编号', en: 'Code' },
  col_project: { zh: '项目', en: 'Project' },
  col_submitted: { zh: '申报', en: 'Submitted' },
  col_accepted: { zh: '受理/初审', en: 'Accepted' },
  col_joint: { zh: '联审', en: 'Joint review' },
  col_decided: { zh: '认定', en: 'Decision' },
  col_filed: { zh: '报备', en: 'Filing' },
  col_tracking: { zh: '跟踪', en: 'Tracking' },
  col_days: { zh: '已用工作日', en: 'Working days' },
  col_overdue: { zh: '超期', en: 'Overdue' },
  overdue_open: { zh: '超期未认定', en: 'Overdue' },
  overdue_late: { zh: '超期认定', en: 'Decided late' },
  outcome_recognised: { zh: '通过', en: 'Recognised' },
  outcome_rejected: { zh: '未通过', en: 'Not recognised' },
  dash_title: { zh: '全市监管看板', en: 'City dashboard' },
  dash_rules: {
    zh: '预警规则：平均认定用时超过 {days} 个工作日；认定标准偏差较大——超过 {share}% 的已认定项目未符合正面清单仍予认定或经负面清单豁免，或认定通过率与全市相差超过 {points} 个百分点（本区已认定或否决不少于 {min} 个）；或超过 {share}% 的已认定项目存在问题认定。',
    en: "Flags: average decision time over {days} working days; deviation from the standard — more than {share}% of recognitions made although the positive list was not met or with a negative-list override, or a recognition rate more than {points} points from the city's (with at least {min} decisions); or findings on more than {share}% of recognised projects."
  },
  dash_total: { zh: '项目数', en: 'Projects' },
  dash_rate: { zh: '通过率', en: 'Recognition rate' },
  dash_avg: { zh: '平均用时', en: 'Avg days' },
  dash_p90: { zh: 'P90 用时', en: 'P90 days' },
  dash_overdue: { zh: '超期', en: 'Overdue' },
  dash_findings: { zh: '问题项目', en: 'With findings' },
  dash_flags: { zh: '预警', en: 'Flags' },
  dash_city: { zh: '全市', en: 'City' },
  dash_map_metric: { zh: '地图指标', en: 'Map metric' },
  dash_measures: { zh: '处置记录', en: 'Measures taken' },
  dash_act: { zh: '采取措施', en: 'Act' },
  dash_measure: { zh: '措施', en: 'Measure' },
  dash_reason: { zh: '理由', en: 'Reason' },
  dash_record: { zh: '登记', en: 'Record' },
  dash_recorded: { zh: '已登记。', en: 'Recorded.' },
  dash_no_measures: { zh: '暂无处置记录。', en: 'No measures recorded.' },
  sup_title: { zh: '产业项目跟踪监管地图', en: 'Supervision map of recognised projects' },
  sup_status: { zh: '跟踪状态', en: 'Tracking status' },
  sup_milestone: { zh: '已完成节点', en: 'Milestone reached' },
  sup_export: { zh: '导出已认定地块', en: 'Export recognised parcels' },
  sup_count: { zh: '{n} 个已认定项目', en: '{n} recognised projects' },
  sup_open: { zh: '打开项目', en: 'Open project' },
  sup_next: { zh: '下一节点', en: 'Next milestone' },
  sup_area: { zh: '面积', en: 'Area' },
  tab_list: { zh: '项目一览', en: 'Project list' },
  tab_dashboard: { zh: '全市看板', en: 'City dashboard' },
  tab_map: { zh: '监管地图', en: 'Supervision map' }
} as const;

export type TextKey = keyof typeof T;
export function tx(lang: Lang, key: TextKey, vars?: Record<string, string | number>): string {
  let s: string = T[key][lang];
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}
