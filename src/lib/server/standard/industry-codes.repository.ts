// The industry_codes table: the GB/T 4754-2017 code table reviewers pick from (built in, or the official one loaded).
import type { Queryable } from '../db/index.ts';

export interface IndustryCodeRow {
  code: string;
  level: string;
  name_zh: string;
  name_en: string;
  source: string;
}

export async function countIndustryCodes(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from industry_codes`);
  return Number(rows[0].n);
}

/** Replaces the whole table in the caller's transaction (staging is the JSON parameter itself). */
export async function replaceIndustryCodes(
  db: Queryable,
  codes: { code: string; level: string; zh: string; en: string }[],
  source: string,
  opts: { onlyIfEmpty?: boolean } = {}
) {
  if (!opts.onlyIfEmpty) await db.query(`delete from industry_codes`);
  await db.query(
    `insert into industry_codes (code, level, name_zh, name_en, source)
     select x.code, x.level, x.zh, x.en, $2 from jsonb_to_recordset($1::jsonb) as x(code text, level text, zh text, en text)
     on conflict (code) do nothing`,
    [JSON.stringify(codes), source]
  );
}

export async function searchIndustryCodes(db: Queryable, q: string, limit: number): Promise<IndustryCodeRow[]> {
  const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  const { rows } = await db.query<IndustryCodeRow>(
    `select code, level, name_zh, name_en, source from industry_codes
      where $1 = '' or code ilike $2 or name_zh ilike $2 or name_en ilike $2
      order by (upper(code) = upper($1)) desc, (code ilike $1 || '%') desc, length(code), code
      limit $3`,
    [q, like, limit]
  );
  return rows;
}

export async function industryCodesByCode(db: Queryable, codes: string[]): Promise<IndustryCodeRow[]> {
  if (!codes.length) return [];
  const { rows } = await db.query<IndustryCodeRow>(
    `select code, level, name_zh, name_en, source from industry_codes where code = any($1::text[])`,
    [codes]
  );
  return rows;
}

/** How many codes of each source and level the table holds. */
export async function industryCodeCounts(db: Queryable): Promise<{ source: string; level: string; n: number }[]> {
  const { rows } = await db.query<{ source: string; level: string; n: number }>(
    `select source, level, count(*)::int as n from industry_codes group by source, level order by source, level`
  );
  return rows;
}
