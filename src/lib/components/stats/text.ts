// Page texts of the verification, statistics and supervision pages, in both languages. Kept beside the
// components (not in i18n/zh.ts, en.ts) so this feature's strings live and change in one place.
import type { Lang } from '../../i18n/index.ts';

const T = {
  verify_title: { zh: '项目信息表核验', en: 'Project information sheet verification' },
  verify_genuine: { zh: '有效：本核验码对应平台出具的现行项目信息表。', en: 'Genuine: this code belongs to the current sheet issued by the platform.' },
  verify_superseded: { zh: '已作废：该项目信息表已被重新出具的版本取代，请以最新版本为准。', en: 'Superseded: the sheet was re-issued; only the latest version is valid.' },
  verify_unknown: { zh: '无效：平台未出具过此核验码的项目信息表，请核对核验码或警惕伪造。', en: 'Unknown: the platform never issued a sheet with this code; check the code or suspect a forgery.' },
  verify_code: { zh: '核验码', en: 'Verification code' },
  verify_project: { zh: '项目名称', en: 'Project name' },
  verify_issued: { zh: '出具日期', en: 'Issue date' },
  verify_superseded_at: { zh: '作废日期', en: 'Superseded on' },
  verify_sha: { zh: 'PDF 文件 SHA-256 摘要', en: 'SHA-256 of the PDF' },
  verify_sha_hint: { zh: '用 sha256sum 等工具计算您持有的 PDF 文件的摘要并与此比对，一致即为平台出具的原件。', en: 'Compute the SHA-256 of the PDF you hold (e.g. sha256sum) and compare: equal means it is the original the platform issued.' },
  verify_other: { zh: '核验其他核验码', en: 'Verify another code' },
  verify_go: { zh: '核验', en: 'Verify' }
} as const;

export type TextKey = keyof typeof T;
export const tx = (lang: Lang, key: TextKey) => T[key][lang];
