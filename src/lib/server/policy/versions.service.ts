// The guideline's versions (沪经信规范〔2020〕9号 and its extensions or successors), recorded by the administrator.
import type { Db, Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { apiError } from '../http/api.ts';
import { shanghaiDate } from '../../domain/dates.ts';
import { insertOfficeEvent } from '../audit/events.repository.ts';
import * as repo from './policy.repository.ts';
import {
  checkNewVersion,
  policyVersionInputSchema,
  versionInForce,
  type PolicyVersion
} from '../../domain/policy/versions.ts';

const day = (d: string | Date | null) => (d === null ? null : typeof d === 'string' ? d.slice(0, 10) : shanghaiDate(d));
const toVersion = (r: repo.PolicyVersionRow): PolicyVersion => ({
  id: r.id,
  docNumber: r.doc_number,
  title: r.title,
  kind: r.kind,
  effectiveFrom: day(r.effective_from)!,
  effectiveTo: day(r.effective_to),
  basedOn: r.based_on,
  sample: r.sample,
  note: r.note
});

export async function policyVersions(db: Queryable): Promise<PolicyVersion[]> {
  const rows = await repo.policyVersionRows(db);
  return rows.map(toVersion);
}

export async function policyVersionById(db: Queryable, id: number | null): Promise<PolicyVersion | null> {
  if (id === null) return null;
  return (await policyVersions(db)).find((v) => v.id === id) ?? null;
}

/** The administrator records an extension or a successor (an event without a project keeps who and why). */
export async function recordPolicyVersion(
  db: Db,
  actor: SessionUser,
  body: unknown,
  opts: { sample?: boolean } = {}
): Promise<PolicyVersion> {
  if (actor.role !== 'admin')
    throw apiError(403, 'forbidden', {
      zh: '政策文件的延期或后续文件由系统管理员登记。',
      en: 'Extensions and successors of the guideline are recorded by the administrator.'
    });
  const r = policyVersionInputSchema.safeParse(body);
  if (!r.success) {
    const bad = [...new Set(r.error.issues.map((i) => String(i.path[0])))].join(', ');
    throw apiError(400, 'bad_policy_version', {
      zh: `请填写文号、标题、类型、起止日期和所依据的文件（有误：${bad}）。`,
      en: `Give the document number, title, kind, dates and the version it follows (invalid: ${bad}).`
    });
  }
  const input = r.data;
  return db.transaction(async (tx) => {
    await repo.lockPolicyVersions(tx);
    const refusal = checkNewVersion(input, await policyVersions(tx));
    if (refusal) throw apiError(refusal.status, refusal.code, refusal);
    const id = await repo.insertPolicyVersion(tx, {
      docNumber: input.docNumber,
      title: input.title,
      kind: input.kind,
      effectiveFrom: input.effectiveFrom,
      effectiveTo: input.effectiveTo ?? null,
      basedOn: input.basedOn,
      sample: opts.sample ?? false,
      note: input.note,
      recordedBy: actor.id
    });
    await insertOfficeEvent(tx, {
      actorId: actor.id,
      role: actor.role,
      action: 'record_policy_version',
      comment: input.note || null,
      payload: { id, ...input }
    });
    return (await policyVersionById(tx, id))!;
  });
}

/** What the demo shows (today is past 2025-10-25): a clearly labelled sample extension so recognition still works. */
export const DEMO_EXTENSION = {
  docNumber: '示意：延期记录（演示数据，非官方文件）',
  title: '规划产业区块外优质项目认定工作指引（示意延期）',
  kind: 'extension' as const,
  effectiveFrom: '2025-10-26',
  effectiveTo: '2027-10-25',
  note: '演示环境示意数据：假定原文件延期两年，以便演示认定流程。正式环境须由系统管理员登记真实的延期或后续文件。'
};

/** Idempotent: records the sample extension of the original once (demo seed and tests). */
export async function ensureDemoPolicyExtension(db: Queryable): Promise<void> {
  await repo.insertSampleVersionOnce(db, DEMO_EXTENSION);
}

export async function versionInForceOn(db: Queryable, date: string): Promise<PolicyVersion | null> {
  return versionInForce(await policyVersions(db), date);
}
