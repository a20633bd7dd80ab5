// Single sign-on (issue 17.3): what the identity service's claims say about a person, mapped onto this
// system's roles and districts. Pure: no I/O. The mapping is configuration (OIDC_ROLE_MAP, OIDC_DISTRICT_MAP);
// an unmapped value proposes nothing, and the administrator decides.
import { AUTHORITIES, authorityByCode } from './authorities.ts';
import { isRole, isScopedRole, type Role } from './roles.ts';

export interface ClaimMapping {
  roleClaim: string;
  districtClaim: string;
  /** claim value → role; a value that already is a role name maps to itself. */
  roleMap: Record<string, string>;
  /** claim value → authority code; an authority code or its Chinese name maps to itself. */
  districtMap: Record<string, string>;
}

/** "a=b, c=d" → {a: 'b', c: 'd'} (values of OIDC_ROLE_MAP and OIDC_DISTRICT_MAP). */
export function parseMap(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (text ?? '').split(',')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

const claimText = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() ? v.trim() : Array.isArray(v) && typeof v[0] === 'string' ? v[0].trim() : null;

export interface Proposal {
  role: Role | null;
  authorityCode: string | null;
  complete: boolean;
}

/** The role and district the claims propose; complete when the role needs no district or has a known one. */
export function proposeFromClaims(claims: Record<string, unknown>, m: ClaimMapping): Proposal {
  const rawRole = claimText(claims[m.roleClaim]);
  const mappedRole = rawRole ? (m.roleMap[rawRole] ?? rawRole) : null;
  const role = mappedRole && isRole(mappedRole) && mappedRole !== 'admin' ? mappedRole : null; // nobody becomes administrator by a claim
  const rawDistrict = claimText(claims[m.districtClaim]);
  const mappedDistrict = rawDistrict
    ? (m.districtMap[rawDistrict] ?? AUTHORITIES.find((a) => a.zh === rawDistrict)?.code ?? rawDistrict)
    : null;
  const authorityCode = mappedDistrict && authorityByCode(mappedDistrict) ? mappedDistrict : null;
  const scoped = role !== null && isScopedRole(role);
  return {
    role,
    authorityCode: scoped ? authorityCode : null,
    complete: role !== null && (!scoped || authorityCode !== null)
  };
}

/** A username for a new account: preferred_username (or e-mail's local part, or the subject), tidied. */
export function usernameFromClaims(claims: Record<string, unknown>): string {
  const raw =
    claimText(claims.preferred_username) ?? claimText(claims.email)?.split('@')[0] ?? String(claims.sub ?? 'sso');
  const clean = raw.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 30);
  return clean.length >= 3 ? clean : `sso_${clean}`;
}
