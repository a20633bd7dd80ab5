// The 项目信息表 in the procedure (沪经信规范〔2020〕9号 附件 二.1): after the district industry department's
// review, 一键成表 issues the sheet; it is made in three copies stamped by the enterprise and the department —
// one for the district government, one kept by the department, one for the enterprise. The district
// government decides on a copy it holds, so the sheet must exist before the case leaves the department for
// the deciders: when the lead closes the joint review and asks for recognition (报请认定), or forwards a
// reserve-area case to the city (三.1: "由区政府初审后报市"). The stamped scan that comes back is kept and
// shown, but is not a condition: the paper copy travels by hand.
import type { Refusal } from './workflow-model.ts';

export const SHEET_CLAUSE = '附件 二.1';

/** project_files kinds of the issued sheet and of the stamped scan uploaded back. */
export const SHEET_FILE_KIND = 'project_sheet';
export const SHEET_SCAN_KIND = 'sheet_scan';
export const SHEET_LABEL = { zh: '项目信息表（平台生成）', en: 'Project information sheet (issued)' };
export const SHEET_SCAN_LABEL = { zh: '盖章项目信息表扫描件', en: 'Stamped project information sheet (scan)' };

/** The lead's acts that send the case to the deciders (district government, 管委会 or the city). */
export const ACTIONS_NEEDING_SHEET: readonly string[] = ['close_joint_review', 'forward_to_city'];

/** The rule as the pages state it. */
export const SHEET_RULE = {
  zh: `项目信息表一式三份，一份报区政府（${SHEET_CLAUSE}）：区产业部门须在结束联审、报请认定（或报市审核）之前一键成表。`,
  en: `The project information sheet is made in three copies, one for the district government (${SHEET_CLAUSE}): the district industry department issues it before closing the joint review and asking for recognition (or forwarding to the city).`
};

export interface SheetFacts {
  /** A sheet is issued and not superseded. */
  issued: boolean;
}

/** Refuses the act that sends the case on when no sheet exists; null when the act may go ahead. */
export function sheetRefusal(action: string, sheet: SheetFacts): Refusal | null {
  if (!ACTIONS_NEEDING_SHEET.includes(action) || sheet.issued) return null;
  return {
    status: 409,
    code: 'sheet_missing',
    zh: `尚未生成项目信息表，不能报请认定。依据《规划产业区块外优质项目认定工作指引》${SHEET_CLAUSE}，项目信息表一式三份、一份报区政府：请先在本页“项目信息表与联审一览表”中一键成表，再办理此操作。`,
    en: `No project information sheet has been issued, so the case cannot go to the deciders. Under ${SHEET_CLAUSE} of the guideline the sheet is made in three copies, one for the district government: issue it first ("Information sheet and joint-review table" on this page), then take this step.`
  };
}

/** What the sheet card says about the sheet at this stage: due now, issued, or not yet due. */
export type SheetState = 'not_yet' | 'due' | 'issued';

export function sheetState(stage: string, sheet: SheetFacts): SheetState {
  if (sheet.issued) return 'issued';
  return ['preliminary_review', 'joint_review', 'city_review', 'decision'].includes(stage) ? 'due' : 'not_yet';
}
