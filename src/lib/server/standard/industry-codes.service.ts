// The GB/T 4754-2017 code table reviewers pick from: search by code or name, and replace it with the
// official table (CSV: code,name_zh[,name_en]) — `zeroland standard load-codes <file.csv>`.
import type { Db, Queryable } from '../db/index.ts';
import { levelOf } from '../../domain/standard/industry.ts';
import { CODE_TABLE_COMPLETENESS, ensureStandardData } from './reference-data.ts';
import * as repo from './industry-codes.repository.ts';

export const SEARCH_LIMIT_MAX = 100;

export async function searchCodes(db: Queryable, q: string, limit = 30) {
  await ensureStandardData(db);
  const rows = await repo.searchIndustryCodes(
    db,
    q.trim().slice(0, 50),
    Math.min(Math.max(1, limit), SEARCH_LIMIT_MAX)
  );
  return rows.map((r) => ({
    code: r.code,
    level: r.level,
    name: { zh: r.name_zh, en: r.name_en || r.name_zh },
    source: r.source
  }));
}

export async function codeTableInfo(db: Queryable) {
  await ensureStandardData(db);
  const rows = await repo.industryCodeCounts(db);
  const builtin = rows.every((r) => r.source.startsWith('builtin'));
  return { counts: rows, builtin, completeness: builtin ? CODE_TABLE_COMPLETENESS : null };
}

export interface CodeLine {
  code: string;
  zh: string;
  en: string;
}

/**
 * Reads the official table as CSV lines `code,name_zh[,name_en]`. Codes may be given without the section
 * letter (e.g. 3511, as printed in the standard's tables): the letter is inferred from the division.
 */
export function parseCodeCsv(text: string): { codes: CodeLine[]; errors: string[] } {
  const codes: CodeLine[] = [];
  const errors: string[] = [];
  let section = '';
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((line, i) => {
      if (!line.trim() || /^code\b|^代码/i.test(line)) return;
      const [rawCode, zh, en = ''] = line.split(',').map((s) => s.trim().replace(/^"|"$/g, ''));
      let code = rawCode.toUpperCase();
      if (/^[A-T]$/.test(code)) section = code;
      else if (/^\d{2,4}$/.test(code)) code = section + code;
      if (!levelOf(code) || !zh) errors.push(`line ${i + 1}: "${line.slice(0, 60)}"`);
      else codes.push({ code, zh, en });
    });
  return { codes, errors };
}

/** Replaces the whole table in one transaction (a failed load leaves the old table). */
export async function loadOfficialCodes(db: Db, codes: CodeLine[], source: string) {
  await db.transaction(async (tx) => {
    await repo.replaceIndustryCodes(
      tx,
      codes.map((c) => ({ ...c, level: levelOf(c.code)! })),
      source
    );
  });
  return { loaded: codes.length };
}
