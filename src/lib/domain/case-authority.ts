// Which authority owns a case, and what crosses between authorities (issue 11.5).
//
// A district (or Lingang) accepts an application for land on its territory (附件二: the district industry
// department leads the review of projects in its district). Once the application has been submitted, the
// accepting authority owns the case: a re-uploaded parcel that lies in another authority's territory is a
// different application, not a correction. It is refused; the enterprise withdraws this application and
// applies anew in the other district, where that district's acceptance starts from the beginning.
// Before the first submission nothing has been accepted, and the parcel still decides where the draft belongs.
import { authorityByCode } from './authorities.ts';
import { isScopedRole, type Role } from './roles.ts';

export interface AuthorityChange {
  submitted: boolean;
  current: string | null;
  proposed: string | null;
}
export interface CaseRefusal {
  status: 409;
  code: 'parcel_changes_authority';
  zh: string;
  en: string;
}

const name = (code: string | null) => {
  const a = code ? authorityByCode(code) : undefined;
  return { zh: a?.zh ?? '其他区', en: a?.en ?? 'another district' };
};

/** Null when the change is allowed; otherwise the refusal naming the rule. */
export function authorityChangeRefusal(c: AuthorityChange): CaseRefusal | null {
  if (!c.submitted || c.current === null || c.proposed === c.current) return null;
  const from = name(c.current),
    to = name(c.proposed);
  return {
    status: 409,
    code: 'parcel_changes_authority',
    zh:
      `新地块位于${to.zh}，但本申报已由${from.zh}受理：申报提交后由受理区办理（属地受理，工作指引附件二），补正时不能把项目改到其他区。` +
      `请上传${from.zh}范围内的地块；如项目确实位于${to.zh}，请撤回本申报，在${to.zh}重新申报。`,
    en:
      `The new parcel lies in ${to.en}, but ${from.en} has accepted this application: once submitted, the accepting district handles it ` +
      `(local acceptance, guideline annex 2), and a correction cannot move the case to another district. ` +
      `Upload a parcel within ${from.en}; if the project really lies in ${to.en}, withdraw this application and apply anew in ${to.en}.`
  };
}

/**
 * Whether a viewer may read what an official of `writerAuthority` wrote on a case (comments, opinions).
 * District-scoped officials read only their own authority's internal comments; city roles and the
 * administrator read everything; an enterprise reads what is shown on its own case.
 */
export function mayReadInternalComment(
  viewer: { role: Role; authorityCode: string | null },
  writerAuthority: string | null
): boolean {
  if (writerAuthority === null || !isScopedRole(viewer.role)) return true;
  return viewer.authorityCode === writerAuthority;
}
