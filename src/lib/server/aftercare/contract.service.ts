// Contract terms and yearly performance (issue 16 §1–2): stored in their tables, every change an event.
import type { Db, Queryable } from '../db/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { apiError } from '../http/api.ts';
import { insertFileRow, putBlob } from '../storage/storage.ts';
import * as projects from '../projects/projects.repository.ts';
import { loadVisible } from '../projects/project-access.ts';
import { stateOf, todayInShanghai } from '../projects/project-view.ts';
import { toActor } from '../auth/actor.ts';
import { checkContractTerms, contractTermsSchema } from '../../domain/aftercare/terms.ts';
import {
  checkPerformanceConfirm,
  checkPerformanceEntry,
  parsePerformance,
  type PerformanceInput,
  type PerformanceRecord
} from '../../domain/aftercare/performance.ts';
import { refusalError as refused } from '../../errors.ts';
import * as repo from './aftercare.repository.ts';

export async function contractTermsOf(db: Queryable, projectId: string): Promise<repo.TermsRow | null> {
  return repo.contractTermsRow(db, projectId);
}

/** Save the terms; a new contract document may come with them (stored as the project's 土地出让合同). */
export async function saveContractTerms(
  db: Db,
  actor: SessionUser,
  projectId: string,
  body: Record<string, unknown>,
  file?: { name: string; bytes: Uint8Array }
) {
  const sha = file && file.bytes.byteLength ? await putBlob(file.bytes) : null;
  return db.transaction(async (tx) => {
    const row = await loadVisible(tx, actor, projectId, { forUpdate: true });
    let documentId = typeof body.documentId === 'string' && body.documentId ? body.documentId : undefined;
    if (sha && file) {
      const f = await insertFileRow(tx, {
        sha256: sha,
        name: file.name,
        size: file.bytes.byteLength,
        mime: null,
        uploadedBy: actor.id
      });
      await projects.attachFile(tx, projectId, f.id, 'land_contract', actor.id);
      documentId = f.id;
    }
    const parsed = contractTermsSchema.safeParse({ ...body, documentId });
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))];
      if (fields.includes('documentId'))
        throw apiError(400, 'document_missing', {
          zh: '请上传土地出让合同（或选择已上传的合同文件）。',
          en: 'Upload the land transfer contract (or choose the uploaded one).'
        });
      throw apiError(400, 'bad_terms', {
        zh: `合同条款填写有误或缺少：${fields.join('、')}`,
        en: `Missing or invalid contract terms: ${fields.join(', ')}`
      });
    }
    const terms = parsed.data;
    const refusal = checkContractTerms(stateOf(row), toActor(actor), terms);
    if (refusal) throw refused(refusal);
    const files = await projects.listProjectFiles(tx, projectId);
    if (!files.some((f) => f.id === terms.documentId)) {
      throw apiError(400, 'document_not_attached', {
        zh: '所引用的合同文件不是本项目已上传的材料。',
        en: 'The referenced contract document is not uploaded to this project.'
      });
    }
    const revision = await repo.upsertContractTerms(tx, projectId, terms, actor.id);
    await projects.insertEvent(tx, {
      projectId,
      actorId: actor.id,
      role: actor.role,
      action: 'record_contract_terms',
      from: row.stage,
      to: row.stage,
      comment: null,
      version: null,
      payload: { ...terms, revision }
    });
    return { terms, revision };
  });
}

export async function performanceOf(
  db: Queryable,
  projectId: string
): Promise<(PerformanceRecord & { confirmedAt: string | null; confirmedBy: string | null })[]> {
  const rows = await repo.performanceRows(db, projectId);
  return rows.map((r) => ({
    year: r.year,
    taxWan: r.tax_wan,
    outputWan: r.output_wan,
    investmentWan: r.investment_wan,
    employees: r.employees,
    status: r.status,
    source: r.source,
    confirmedAt: r.confirmed_at ? new Date(r.confirmed_at).toISOString() : null,
    confirmedBy: r.confirmed_by_name
  }));
}

export const currentYear = () => +todayInShanghai().slice(0, 4);

/**
 * Upsert one year's figures inside a transaction (the form and the xlsx import share it). The district's own
 * entry (or import) is confirmed at once; the enterprise's waits for the district.
 */
export async function writePerformance(
  tx: Queryable,
  actor: SessionUser,
  projectId: string,
  stage: string,
  v: PerformanceInput,
  source: PerformanceRecord['source']
): Promise<void> {
  const status = actor.role === 'district_industry' ? 'confirmed' : 'entered';
  await repo.upsertPerformance(tx, {
    projectId,
    year: v.year,
    taxWan: v.taxWan,
    outputWan: v.outputWan,
    investmentWan: v.investmentWan,
    employees: v.employees,
    status,
    source,
    enteredBy: actor.id,
    confirmedBy: status === 'confirmed' ? actor.id : null,
    confirmedAt: status === 'confirmed' ? new Date().toISOString() : null
  });
  await projects.insertEvent(tx, {
    projectId,
    actorId: actor.id,
    role: actor.role,
    action: 'record_performance',
    from: stage,
    to: stage,
    comment: null,
    version: null,
    payload: { ...v, status, source }
  });
}

export async function existingPerformance(
  db: Queryable,
  projectId: string,
  year: number
): Promise<PerformanceRecord | undefined> {
  return (await performanceOf(db, projectId)).find((p) => p.year === year);
}

export async function enterPerformance(db: Db, actor: SessionUser, projectId: string, body: Record<string, unknown>) {
  const parsed = parsePerformance(body, currentYear());
  if (!parsed.ok)
    throw apiError(400, 'bad_figures', {
      zh: parsed.problems.map((p) => p.zh).join('；'),
      en: parsed.problems.map((p) => p.en).join('; ')
    });
  return db.transaction(async (tx) => {
    const row = await loadVisible(tx, actor, projectId, { forUpdate: true });
    const refusal = checkPerformanceEntry(
      stateOf(row),
      toActor(actor),
      await existingPerformance(tx, projectId, parsed.value.year)
    );
    if (refusal) throw refused(refusal);
    await writePerformance(
      tx,
      actor,
      projectId,
      row.stage,
      parsed.value,
      actor.role === 'enterprise' ? 'enterprise' : 'district'
    );
    return existingPerformance(tx, projectId, parsed.value.year);
  });
}

export async function confirmPerformance(db: Db, actor: SessionUser, projectId: string, year: number) {
  return db.transaction(async (tx) => {
    const row = await loadVisible(tx, actor, projectId, { forUpdate: true });
    const refusal = checkPerformanceConfirm(
      stateOf(row),
      toActor(actor),
      await existingPerformance(tx, projectId, year),
      year
    );
    if (refusal) throw refused(refusal);
    await repo.markPerformanceConfirmed(tx, projectId, year, actor.id);
    await projects.insertEvent(tx, {
      projectId,
      actorId: actor.id,
      role: actor.role,
      action: 'confirm_performance',
      from: row.stage,
      to: row.stage,
      comment: null,
      version: null,
      payload: { year }
    });
    return existingPerformance(tx, projectId, year);
  });
}
