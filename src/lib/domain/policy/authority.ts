// 收回认定权 (沪经信规范〔2020〕9号 二.5 "对优质项目认定出现标准偏差较大、认定时间过长等问题的区…收回相关区优质项目认定权").
// The city's measures against a district are events (action district_measure, payload.measure); the last of
// revoke_authority / restore_authority decides whether the district may recognise. While withdrawn:
//  - the district (its government, its lead department recording for it, or the Lingang committee) can neither
//    recognise nor refuse recognition (认定 covers both outcomes);
//  - pending projects go to the city: the lead forwards them to the 市“三委两局” review (from preliminary review or
//    after the joint review), where SHEITC decides, as on the 三.1 path. This is our reading of who decides meanwhile.
import type { Role } from '../roles.ts';
import type { Refusal } from '../workflow-model.ts';
import { ruleRefusal, shanghaiMinute, type Label } from './common.ts';

export const AUTHORITY_MEASURES = ['revoke_authority', 'restore_authority'] as const;
export type AuthorityMeasure = (typeof AUTHORITY_MEASURES)[number];

export interface AuthorityMeasureRecord {
  measure: string;
  authorityCode: string;
  /** ISO instant. */
  at: string;
  note: string | null;
  by?: string | null;
}

export interface AuthorityStatus {
  authorityCode: string;
  withdrawn: boolean;
  /** When the current state began (the last revoke or restore), null if never touched. */
  since: string | null;
  note: string | null;
  by: string | null;
}

/** The district's status from the measures recorded against it (any order; the latest revoke/restore wins). */
export function authorityStatus(authorityCode: string, measures: readonly AuthorityMeasureRecord[]): AuthorityStatus {
  const relevant = measures
    .filter((m) => m.authorityCode === authorityCode && (AUTHORITY_MEASURES as readonly string[]).includes(m.measure))
    .sort((a, b) => a.at.localeCompare(b.at));
  const last = relevant.at(-1);
  if (!last) return { authorityCode, withdrawn: false, since: null, note: null, by: null };
  return {
    authorityCode,
    withdrawn: last.measure === 'revoke_authority',
    since: last.at,
    note: last.note,
    by: last.by ?? null
  };
}

/** Roles that decide for a district; the city (SHEITC) decides on the city's review and is never blocked. */
const DISTRICT_DECIDERS: readonly Role[] = ['district_government', 'lingang_committee', 'district_industry'];

/**
 * Whether the actor may take the decision (recognise / reject) for a project of a district whose authority
 * may have been withdrawn. `cityStage`: the project is in the city's review (the city decides there).
 */
export function checkRecognitionAuthority(
  status: Pick<AuthorityStatus, 'withdrawn' | 'since' | 'authorityCode'> | null,
  role: Role,
  cityStage: boolean,
  districtName?: Label
): Refusal | null {
  if (!status?.withdrawn || cityStage || !DISTRICT_DECIDERS.includes(role)) return null;
  const when = status.since ? shanghaiMinute(status.since) : '';
  const name = districtName ?? { zh: '本区', en: 'this district' };
  return ruleRefusal(
    403,
    'authority_withdrawn',
    '二.5',
    `${name.zh}的优质项目认定权已于 ${when} 被市级部门收回，本区不能作出认定；请由区产业部门将项目报市“三委两局”审核认定`,
    `${name.en}'s recognition authority (认定权) was withdrawn by the city on ${when}; the district cannot decide: the district industry department forwards the project to the city review`
  );
}

/** Revoking twice or restoring what was never withdrawn is a mistake the city should hear about. */
export function checkAuthorityMeasure(status: AuthorityStatus, measure: string, districtName: Label): Refusal | null {
  if (measure === 'revoke_authority' && status.withdrawn) {
    return ruleRefusal(
      409,
      'authority_already_withdrawn',
      '二.5',
      `${districtName.zh}的认定权已于 ${shanghaiMinute(status.since!)} 收回，无需重复收回`,
      `${districtName.en}'s recognition authority is already withdrawn (since ${shanghaiMinute(status.since!)})`
    );
  }
  if (measure === 'restore_authority' && !status.withdrawn) {
    return ruleRefusal(
      409,
      'authority_not_withdrawn',
      '二.5',
      `${districtName.zh}的认定权未被收回，无需恢复`,
      `${districtName.en}'s recognition authority is not withdrawn; there is nothing to restore`
    );
  }
  return null;
}
