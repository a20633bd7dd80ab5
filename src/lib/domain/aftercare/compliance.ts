// A project's compliance after recognition, from its indicator checks (verdicts.ts): one status for the map and
// the dashboard, the counts per status, and the findings the checks propose to the city.
import type { Label } from './terms.ts';
import { INDICATOR_LABELS, type Indicator, type IndicatorCheck } from './verdicts.ts';

export const COMPLIANCE = ['encroaching', 'plot_ratio_short', 'performance_short', 'compliant', 'not_due'] as const;
export type Compliance = (typeof COMPLIANCE)[number];
export const COMPLIANCE_LABELS: Record<Compliance, Label & { colour: string }> = {
  encroaching: { zh: '超出地块（新增用地）', en: 'Encroaching (new land used)', colour: '#c0392b' },
  plot_ratio_short: { zh: '容积率不符合合同', en: 'Plot ratio off contract', colour: '#e67e22' },
  performance_short: { zh: '履约不达标', en: 'Performance short', colour: '#f1c40f' },
  compliant: { zh: '履约达标', en: 'Compliant', colour: '#27ae60' },
  not_due: { zh: '未到期', en: 'Not yet due', colour: '#95a5a6' }
};

/** One colour per project for the supervision map: the most serious failure wins. */
export function complianceOf(checks: readonly IndicatorCheck[]): Compliance {
  const failed = (i: Indicator) => checks.some((c) => c.indicator === i && c.contract === 'not_met');
  if (failed('land_use')) return 'encroaching';
  if (failed('plot_ratio')) return 'plot_ratio_short';
  if (checks.some((c) => c.contract === 'not_met' || c.declaration === 'not_met')) return 'performance_short';
  if (checks.some((c) => c.contract === 'met')) return 'compliant';
  return 'not_due';
}

/** Recognised projects per compliance class, per district and for the city (二.4–二.5; the city dashboard, issue 16 §5). */
export type ComplianceCounts = Record<Compliance, number> & { total: number };
export function complianceCounts(
  projects: readonly { authorityCode: string | null; compliance: Compliance }[],
  codes: readonly string[]
): { districts: Map<string, ComplianceCounts>; city: ComplianceCounts } {
  const zero = (): ComplianceCounts => ({
    encroaching: 0,
    plot_ratio_short: 0,
    performance_short: 0,
    compliant: 0,
    not_due: 0,
    total: 0
  });
  const districts = new Map(codes.map((c) => [c, zero()]));
  const city = zero();
  for (const p of projects) {
    city[p.compliance]++;
    city.total++;
    const d = p.authorityCode ? districts.get(p.authorityCode) : undefined;
    if (d) {
      d[p.compliance]++;
      d.total++;
    }
  }
  return { districts, city };
}

export type FindingKind = 'false_information' | 'contract_breach';
export interface ProposedFinding {
  key: string;
  kind: FindingKind;
  indicator: Indicator;
  description: string;
  check: IndicatorCheck;
}

/**
 * A failed check proposes a finding for the city to confirm (二.5). The key names the indicator and the data
 * it rests on, so a confirmed or dismissed proposal is not proposed again until new data changes the basis.
 */
export function proposedFindings(checks: readonly IndicatorCheck[]): ProposedFinding[] {
  const out: ProposedFinding[] = [];
  for (const c of checks) {
    const l = INDICATOR_LABELS[c.indicator];
    if (c.contract === 'not_met') {
      out.push({
        key: `contract_breach:${c.indicator}:${c.basisId ?? 'none'}`,
        kind: 'contract_breach',
        indicator: c.indicator,
        check: c,
        description: `${l.zh}：${c.contractReason.zh}`
      });
    }
    if (c.declaration === 'not_met' && c.indicator !== 'land_use') {
      out.push({
        key: `false_information:${c.indicator}:${c.basisId ?? 'none'}`,
        kind: 'false_information',
        indicator: c.indicator,
        check: c,
        description: `${l.zh}：${c.declarationReason.zh}`
      });
    }
  }
  return out;
}
