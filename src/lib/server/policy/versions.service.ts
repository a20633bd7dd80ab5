// The guideline's versions (沪经信规范〔2020〕9号 and its extensions or successors), recorded by the administrator.
import type { Db, Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { apiError } from '../http/api.ts';
import { shanghaiDate } from '../../domain/dates.ts';
import {
  checkNewVersion,
  policyVersionInputSchema,
  versionInForce,
  type PolicyVersion
} from '../../domain/policy/versions.ts';

interface Row {
  id: number;
  doc_number: string;
  title: string;
  kind: PolicyVersion['kind'];
  effective_from: string | Date;
  effective_to: string | Date | null;
  based_on: number | null;
  sample: boolean;
  note: string;
}

const day = (d: string | Date | null) => (d === null ? null : typeof d === 'string' ? d.slice(0, 10) : shanghaiDate(d));
const toVersion = (r: Row): PolicyVersion => ({
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
  const { rows } = await db.query<Row>(
    `select id, doc_number, title, kind, effective_from::text as effective_from, effective_to::text as effective_to, based_on, sample, note from policy_versions order by effective_from, id`
  );
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
    await tx.query('lock table policy_versions in share row exclusive mode');
    const refusal = checkNewVersion(input, await policyVersions(tx));
    if (refusal) throw apiError(refusal.status, refusal.code, refusal);
    const { rows } = await tx.query<{ id: number }>(
      `insert into policy_versions (doc_number, title, kind, effective_from, effective_to, based_on, sample, note, recorded_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
      [
        input.docNumber,
        input.title,
        input.kind,
        input.effectiveFrom,
        input.effectiveTo ?? null,
        input.basedOn,
        opts.sample ?? false,
        input.note,
        actor.id
      ]
    );
    await tx.query(
      `insert into events (project_id, actor_id, actor_role, action, comment, payload) values (null, $1, $2, 'record_policy_version', $3, $4)`,
      [actor.id, actor.role, input.note || null, JSON.stringify({ id: rows[0].id, ...input })]
    );
    return (await policyVersionById(tx, rows[0].id))!;
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
  await db.query(
    `insert into policy_versions (doc_number, title, kind, effective_from, effective_to, based_on, sample, note)
     select $1, $2, $3, $4, $5, o.id, true, $6 from policy_versions o
      where o.kind = 'original' and not exists (select 1 from policy_versions where sample and doc_number = $1)
      order by o.id limit 1`,
    [
      DEMO_EXTENSION.docNumber,
      DEMO_EXTENSION.title,
      DEMO_EXTENSION.kind,
      DEMO_EXTENSION.effectiveFrom,
      DEMO_EXTENSION.effectiveTo,
      DEMO_EXTENSION.note
    ]
  );
}

export async function versionInForceOn(db: Queryable, date: string): Promise<PolicyVersion | null> {
  return versionInForce(await policyVersions(db), date);
}
