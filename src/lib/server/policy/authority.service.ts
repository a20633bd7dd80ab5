// Whether a district still holds its recognition authority (二.5), from the city's measures in the event log.
import type { Queryable } from '../db/index.ts';
import { authorityByCode } from '../../domain/authorities.ts';
import { authorityMeasureRows } from '../supervision/supervision.repository.ts';
import { authorityStatus, type AuthorityMeasureRecord, type AuthorityStatus } from '../../domain/policy/authority.ts';

async function authorityMeasureRecords(db: Queryable, authorityCode: string | null): Promise<AuthorityMeasureRecord[]> {
  const rows = await authorityMeasureRows(db, authorityCode);
  return rows.map((r) => ({
    measure: String(r.payload.measure),
    authorityCode: String(r.payload.authorityCode),
    at: new Date(r.at).toISOString(),
    note: r.comment,
    by: r.by
  }));
}

export async function authorityStatusOf(db: Queryable, authorityCode: string | null): Promise<AuthorityStatus | null> {
  if (!authorityCode) return null;
  return authorityStatus(authorityCode, await authorityMeasureRecords(db, authorityCode));
}

/** Districts whose authority is withdrawn now (for lists and the inbox). */
export async function withdrawnAuthorities(db: Queryable): Promise<Map<string, AuthorityStatus>> {
  const records = await authorityMeasureRecords(db, null);
  const out = new Map<string, AuthorityStatus>();
  for (const code of new Set(records.map((r) => r.authorityCode))) {
    const s = authorityStatus(code, records);
    if (s.withdrawn) out.set(code, s);
  }
  return out;
}

export const districtName = (code: string | null) => {
  const a = code ? authorityByCode(code) : undefined;
  return a ? { zh: a.zh, en: a.en } : { zh: code ?? '', en: code ?? '' };
};
