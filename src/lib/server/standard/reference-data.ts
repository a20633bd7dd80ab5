// Reference data the standard needs on a fresh installation: the GB/T 4754-2017 code table and, until the
// city publishes the official list, the sample rule set (示意). Both are loaded on first use, idempotently
// (two app instances starting together insert once: `on conflict do nothing`).
import type { Db, Queryable } from '../db/index.ts';
import { ruleSetContentSchema, type RuleSetContent } from '../../domain/standard/model.ts';
import { levelOf } from '../../domain/standard/industry.ts';
import codeTable from '../../../../seed/standards/gbt4754-2017.json' with { type: 'json' };
import sampleRuleSet from '../../../../seed/standards/sample-rule-set.json' with { type: 'json' };
import * as repo from './standard.repository.ts';
import * as codes from './industry-codes.repository.ts';

/** The sample takes effect from the date the guideline came into force (沪经信规范〔2020〕9号). */
export const SAMPLE_EFFECTIVE_FROM = '2020-10-26';
export const BUILTIN_CODES_SOURCE = 'builtin-from-memory (seed/standards/gbt4754-2017.json)';

export const sampleContent = (): RuleSetContent => ruleSetContentSchema.parse(sampleRuleSet);

export const builtinCodes = () => codeTable.codes.map(([code, zh, en]) => ({ code, level: levelOf(code)!, zh, en }));

export const CODE_TABLE_COMPLETENESS = codeTable.completeness;

let ensured: WeakSet<object> = new WeakSet();

/** Loads the code table and the sample rule set when missing. Cheap after the first call per database. */
export async function ensureStandardData(db: Db | Queryable): Promise<void> {
  if (ensured.has(db)) return;
  if ((await codes.countIndustryCodes(db)) === 0)
    await codes.replaceIndustryCodes(db, builtinCodes(), BUILTIN_CODES_SOURCE, { onlyIfEmpty: true });
  await repo.insertPublishedIfNone(db, sampleContent(), SAMPLE_EFFECTIVE_FROM);
  ensured.add(db);
}

/** For tests that rebuild data. */
export function forgetEnsured() {
  ensured = new WeakSet();
}
