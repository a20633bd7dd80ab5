// Issue 13.3 over HTTP: only the enterprise declares, in its form (before submitting), with a real evidence
// file; only reviewers judge; every declaration and judgement is an event and the checklist shows who.
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../helpers/http.ts';
import { action, apply, ok, upload } from './projects-helpers.ts';

let ent: Client, ind: Client, fgw: Client;
beforeAll(async () => {
  [ent, ind, fgw] = await Promise.all(['ent_pudong', 'pd_industry', 'pd_fgw'].map((u) => loginAs(u)));
});

const declare = (c: Client, id: string, body: Record<string, unknown>) =>
  c.request('POST', `/api/v1/projects/${id}/evaluation/declarations`, body);

describe('declarations and judgements', () => {
  it('the enterprise declares with an uploaded file before submitting; nobody else may; afterwards it is closed', async () => {
    const p = await apply(ent, 'P03');
    const noFile = await declare(ent, p.id, { criterionId: 'N-CATALOGUE', affirmed: true });
    expect([noFile.status, (await noFile.json()).error.code]).toEqual([400, 'evidence_required']);
    const file = await ok<{ id: string }>(
      await ent.request(
        'POST',
        `/api/v1/projects/${p.id}/files`,
        upload('承诺书.pdf', 'signed', { kind: 'declaration_evidence' })
      ),
      201
    );
    await ok(await declare(ent, p.id, { criterionId: 'N-CATALOGUE', affirmed: true, fileId: file.id }), 201);
    // The district's lead cannot declare for the enterprise (403, naming the rule).
    const byLead = await declare(ind, p.id, { criterionId: 'N-THREEHIGH', affirmed: true, fileId: file.id });
    expect(byLead.status).toBe(403);
    expect((await byLead.json()).error.message).toContain('项目单位');
    const { evaluation: ev } = await ok<{
      evaluation: {
        acts: Record<string, { by: string; affirmed: boolean; fileName: string }>;
        can: { declare: boolean; judge: boolean };
      };
    }>(await ent.request('GET', `/api/v1/projects/${p.id}/evaluation`));
    expect(ev.acts['N-CATALOGUE']).toMatchObject({
      affirmed: true,
      fileName: '承诺书.pdf',
      by: '上海示意精密机械有限公司'
    });
    expect(ev.can).toMatchObject({ declare: true, judge: false });

    await ok(await action(ent, p.id, 'submit'));
    const late = await declare(ent, p.id, { criterionId: 'N-THREEHIGH', affirmed: false });
    expect([late.status, (await late.json()).error.code]).toEqual([409, 'declare_not_now']);

    // Judgements: the enterprise may not; a district department may, and it is an event with who.
    const entJudge = await ent.request('POST', `/api/v1/projects/${p.id}/evaluation/judgements`, {
      criterionId: 'P-PLAN',
      verdict: 'pass',
      comment: '自评'
    });
    expect(entJudge.status).toBe(403);
    await ok(
      await fgw.request('POST', `/api/v1/projects/${p.id}/evaluation/judgements`, {
        criterionId: 'P-PLAN',
        verdict: 'pass',
        comment: '符合区产业规划'
      }),
      201
    );
    const proj = await ok<{ events: { action: string; actorName: string }[] }>(
      await ind.request('GET', `/api/v1/projects/${p.id}`)
    );
    expect(proj.events.filter((e) => e.action === 'standard_declaration').map((e) => e.actorName)).toEqual([
      '上海示意精密机械有限公司'
    ]);
    expect(proj.events.find((e) => e.action === 'standard_judgement')?.actorName).toBe('浦东新区发展改革委');
  });
});
