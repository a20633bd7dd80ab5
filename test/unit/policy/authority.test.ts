// 收回认定权 (二.5): the latest revoke/restore decides; a withdrawn district cannot decide; its pending projects go
// to the city's review, where SHEITC decides.
import { describe, expect, it } from 'vitest';
import {
  authorityStatus,
  checkAuthorityMeasure,
  checkRecognitionAuthority
} from '../../../src/lib/domain/policy/authority.ts';
import { applyAction, availableActions } from '../../../src/lib/domain/workflow.ts';
import { DOCS_BASIC, FACTS, Journey, at } from '../domain/workflow-helpers.ts';

const PD = { zh: '浦东新区', en: 'Pudong' };
const m = (measure: string, at: string, authorityCode = 'pudong') => ({ measure, authorityCode, at, note: '测试' });

describe('authority status', () => {
  it('is held until revoked, and the latest of revoke/restore wins whatever the input order', () => {
    expect(authorityStatus('pudong', []).withdrawn).toBe(false);
    const revoked = authorityStatus('pudong', [
      m('interview', '2026-11-01T00:00:00Z'),
      m('revoke_authority', '2026-11-02T00:00:00Z')
    ]);
    expect(revoked).toMatchObject({ withdrawn: true, since: '2026-11-02T00:00:00Z' });
    expect(
      authorityStatus('pudong', [
        m('restore_authority', '2026-11-03T00:00:00Z'),
        m('revoke_authority', '2026-11-02T00:00:00Z')
      ]).withdrawn
    ).toBe(false);
    // Another district's measure does not touch Pudong.
    expect(authorityStatus('pudong', [m('revoke_authority', '2026-11-02T00:00:00Z', 'jiading')]).withdrawn).toBe(false);
  });

  it('refuses revoking twice and restoring what was never withdrawn', () => {
    const held = authorityStatus('pudong', []);
    const revoked = authorityStatus('pudong', [m('revoke_authority', '2026-11-02T00:00:00Z')]);
    expect(checkAuthorityMeasure(held, 'revoke_authority', PD)).toBeNull();
    expect(checkAuthorityMeasure(held, 'restore_authority', PD)).toMatchObject({
      status: 409,
      code: 'authority_not_withdrawn'
    });
    expect(checkAuthorityMeasure(revoked, 'revoke_authority', PD)).toMatchObject({
      status: 409,
      code: 'authority_already_withdrawn'
    });
    expect(checkAuthorityMeasure(revoked, 'restore_authority', PD)).toBeNull();
    expect(checkAuthorityMeasure(revoked, 'interview', PD)).toBeNull();
  });

  it('a withdrawn district cannot decide; the refusal names 认定权, the time and 二.5; the city is never blocked', () => {
    const s = { withdrawn: true, since: '2026-11-30T02:05:00Z', authorityCode: 'pudong' };
    for (const role of ['district_government', 'district_industry', 'lingang_committee'] as const) {
      const r = checkRecognitionAuthority(s, role, false, PD)!;
      expect(r).toMatchObject({ status: 403, code: 'authority_withdrawn' });
      expect(r.zh).toContain('认定权');
      expect(r.zh).toContain('2026-11-30 10:05');
      expect(r.zh).toContain('二.5');
      expect(r.en).toContain('authority');
    }
    expect(checkRecognitionAuthority(s, 'city_sheitc', true, PD)).toBeNull();
    expect(checkRecognitionAuthority(s, 'district_government', true, PD)).toBeNull(); // in city review the city decides anyway
    expect(checkRecognitionAuthority({ ...s, withdrawn: false }, 'district_government', false, PD)).toBeNull();
  });
});

describe('the workflow while the authority is withdrawn', () => {
  const atDecision = () =>
    new Journey(FACTS.insideRetained)
      .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC }, '2026-11-23')
      .do('district_industry', 'accept', {}, '2026-11-24')
      .do('district_industry', 'start_joint_review', { departments: ['planning_resources'] }, '2026-11-24')
      .do('district_department', 'record_opinion', { opinion: 'agree' }, '2026-11-25')
      .do('district_industry', 'close_joint_review', {}, '2026-11-25');
  const withdrawn = { ...FACTS.insideRetained, authorityWithdrawnSince: '2026-11-26T01:00:00Z' };

  it('the government cannot recognise or reject and is not offered to; the lead forwards to the city; SHEITC decides', () => {
    const j = atDecision();
    const gov = j.actors.district_government;
    const r = applyAction(
      j.state,
      { type: 'recognise', expectedVersion: j.state.version, documentId: 'd' },
      gov,
      withdrawn,
      at('2026-11-27')
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.refusal.code).toBe('authority_withdrawn');
    const rj = applyAction(
      j.state,
      { type: 'reject', expectedVersion: j.state.version, comment: '不符合' },
      gov,
      withdrawn,
      at('2026-11-27')
    );
    expect(!rj.ok && rj.refusal.code).toBe('authority_withdrawn');
    expect(availableActions(j.state, gov, withdrawn).map((a) => a.type)).not.toContain('recognise');
    expect(availableActions(j.state, j.actors.district_industry, withdrawn).map((a) => a.type)).toContain(
      'forward_to_city'
    );
    // Without the withdrawal, no forwarding from the decision stage.
    expect(
      availableActions(j.state, j.actors.district_industry, FACTS.insideRetained).map((a) => a.type)
    ).not.toContain('forward_to_city');

    j.facts = withdrawn;
    j.do('district_industry', 'forward_to_city', {}, '2026-11-27');
    expect(j.state.stage).toBe('city_review');
    j.do(
      'city_sheitc',
      'recognise',
      { documentId: 'd', override: true, comment: '市级审核认定（区认定权收回期间）' },
      '2026-11-30'
    );
    expect(j.state.stage).toBe('tracking');
  });

  it('after the restore the district decides again', () => {
    const j = atDecision();
    j.do('district_government', 'recognise', { documentId: 'd' }, '2026-11-27');
    expect(j.state.stage).toBe('tracking');
  });
});
