// Starting an application (issue 14.2). A project is named by its applicant, and its parcel is checked
// before any numbered draft exists: a parcel inside a planned industrial block is refused at upload,
// because the guideline (沪经信规范〔2020〕9号, title and 一.4) governs land *outside* the blocks only.
// A draft nobody has seen yet (never submitted) may be deleted by its owner.
import { LAND_TYPE_INFO, isLandType } from './land-types.ts';
import type { Refusal } from './workflow-model.ts';

/** Long enough for the names districts give projects, short enough for a list row and the sheet's title line. */
export const PROJECT_TITLE_MAX = 100;
export const PROJECT_TITLE_MIN = 4;

/** The applicant's project name: required, 4–100 characters, one line. */
export function projectTitleProblem(title: unknown): { zh: string; en: string } | null {
  const t = typeof title === 'string' ? title.trim() : '';
  if (!t)
    return {
      zh: '请填写项目名称（例如“年产 20 万套汽车零部件智能化技术改造项目”）。',
      en: 'Enter the project name (e.g. "Intelligent renovation for 200,000 auto-part sets a year").'
    };
  if (/[\r\n]/.test(t)) return { zh: '项目名称请写在一行内。', en: 'Keep the project name on one line.' };
  if ([...t].length < PROJECT_TITLE_MIN)
    return {
      zh: `项目名称过短，至少 ${PROJECT_TITLE_MIN} 个字。`,
      en: `The project name is too short: at least ${PROJECT_TITLE_MIN} characters.`
    };
  if ([...t].length > PROJECT_TITLE_MAX)
    return {
      zh: `项目名称过长，最多 ${PROJECT_TITLE_MAX} 个字。`,
      en: `The project name is too long: at most ${PROJECT_TITLE_MAX} characters.`
    };
  return null;
}

/**
 * The parcel's land type decides whether this procedure applies at all. Only 'industrial_block' is
 * refused; an unclassified parcel cannot happen here (classification either succeeds or raises).
 */
export function boundaryRefusal(landType: unknown): Refusal | null {
  if (!isLandType(landType) || LAND_TYPE_INFO[landType].inScope) return null;
  const info = LAND_TYPE_INFO[landType];
  return {
    status: 400,
    code: 'out_of_scope_industrial_block',
    zh: `${info.allowsZh}（依据：${info.clause}）`,
    en: `${info.allowsEn} (clause ${info.clause})`
  };
}

export interface DraftFacts {
  stage: string;
  /** The project was submitted at least once (then the district has seen it: withdraw, never delete). */
  everSubmitted: boolean;
  isOwner: boolean;
}

/** Who may delete a draft: its owner, while it is a draft that was never submitted. */
export function draftDeletionRefusal(f: DraftFacts): Refusal | null {
  if (!f.isOwner)
    return {
      status: 403,
      code: 'forbidden',
      zh: '只有申报的创建者可以删除草稿。',
      en: 'Only the owner of the application can delete the draft.'
    };
  if (f.stage !== 'draft' || f.everSubmitted) {
    return {
      status: 409,
      code: 'not_deletable',
      zh: '申报已提交过，区产业部门已可见，不能删除；如不再申报，请“撤回申报”。',
      en: 'The application has been submitted and the district can see it, so it cannot be deleted; withdraw it instead.'
    };
  }
  return null;
}
