// District criteria (沪经信规范〔2020〕9号 一.3 "各区可在此基础上进一步深化工作要求"): a district publishes its own
// criteria on top of the city's rule set, versioned like it. It may add criteria and tighten a city criterion (same id,
// stricter), never loosen one: a lower tax threshold, a wider industry list, a larger spatial tolerance, dropping the
// supporting document, applying to fewer land types or moving a criterion between lists is refused with the reason.
// A city criterion the district does not mention applies unchanged (the district cannot remove it).
import type { Refusal } from '../workflow-model.ts';
import { ruleRefusal } from '../policy/common.ts';
import { matchIndustry } from './industry.ts';
import type { Bilingual, Criterion } from './model.ts';

export type CriterionSource = 'city' | 'district';
export type SourcedCriterion = Criterion & { source?: CriterionSource };

export const DISTRICT_CLAUSE = '一.3';

/** `code` lies under one of `entries` (C3581 under C35). */
const underAny = (code: string, entries: readonly string[]) => matchIndustry(code, entries).match === 'yes';

/** Why `d` (a district criterion with the id of city criterion `c`) loosens it, or null when it is as strict or stricter. */
export function looseningOf(c: Criterion, d: Criterion): Bilingual | null {
  if (d.list !== c.list) return { zh: '不能改变其所属清单（正面/负面）', en: 'it cannot move to the other list' };
  if (d.check.kind !== c.check.kind) return { zh: '不能改变其核查方式', en: 'its kind of check cannot change' };
  // Empty = every land type. The district's version must apply wherever the city's does.
  if (d.landTypes.length > 0 && (c.landTypes.length === 0 || c.landTypes.some((t) => !d.landTypes.includes(t)))) {
    return {
      zh: '适用的空间类型不能少于市级标准',
      en: 'it must apply to every land type the city criterion applies to'
    };
  }
  const cc = c.check;
  const dc = d.check;
  if (cc.kind === 'threshold' && dc.kind === 'threshold') {
    if (dc.metric !== cc.metric) return { zh: '不能改变考核指标', en: 'the metric cannot change' };
    const atLeast = (op: string) => op === '>=' || op === '>';
    if (atLeast(cc.op) !== atLeast(dc.op))
      return { zh: '不能改变比较方向', en: 'the direction of the comparison cannot change' };
    const strictEq = (cc.op === '>' || cc.op === '<') && (dc.op === '>=' || dc.op === '<=');
    if (atLeast(cc.op) ? dc.value < cc.value : dc.value > cc.value) {
      return {
        zh: `门槛 ${dc.op} ${dc.value} 比市级 ${cc.op} ${cc.value} 宽松`,
        en: `the threshold ${dc.op} ${dc.value} is looser than the city's ${cc.op} ${cc.value}`
      };
    }
    if (dc.value === cc.value && strictEq)
      return {
        zh: `门槛 ${dc.op} ${dc.value} 比市级 ${cc.op} ${cc.value} 宽松`,
        en: `the threshold ${dc.op} ${dc.value} is looser than the city's ${cc.op} ${cc.value}`
      };
    return null;
  }
  if (cc.kind === 'industry' && dc.kind === 'industry') {
    if (dc.require !== cc.require)
      return { zh: '不能把“须属于”与“不得属于”互换', en: '"must be in" and "must not be in" cannot be swapped' };
    // "in": every district code must lie under a city code (a narrower set); "not_in": every city code stays excluded.
    const wider =
      cc.require === 'in'
        ? dc.codes.filter((x) => !underAny(x, cc.codes))
        : cc.codes.filter((x) => !underAny(x, dc.codes));
    if (wider.length) {
      return cc.require === 'in'
        ? {
            zh: `行业代码 ${wider.join('、')} 不在市级允许的范围内`,
            en: `industry codes ${wider.join(', ')} are outside the city's allowed set`
          }
        : {
            zh: `市级排除的行业代码 ${wider.join('、')} 须继续排除`,
            en: `the city's excluded industry codes ${wider.join(', ')} must stay excluded`
          };
    }
    return null;
  }
  if (cc.kind === 'spatial' && dc.kind === 'spatial') {
    if (dc.measure !== cc.measure)
      return { zh: '不能改变容差的计量方式', en: 'the measure of the tolerance cannot change' };
    const dropped = cc.layers.filter((l) => !dc.layers.includes(l));
    if (dropped.length)
      return { zh: `不能去掉图层 ${dropped.join('、')}`, en: `layers ${dropped.join(', ')} cannot be dropped` };
    if (dc.max > cc.max)
      return {
        zh: `容差 ${dc.max} 大于市级 ${cc.max}`,
        en: `the tolerance ${dc.max} is larger than the city's ${cc.max}`
      };
    return null;
  }
  if (cc.kind === 'declaration' && dc.kind === 'declaration') {
    if (cc.documentRequired && !dc.documentRequired)
      return { zh: '不能取消证明材料要求', en: 'the supporting document cannot be dropped' };
    return null;
  }
  return null;
}

/** Null when the district's criteria only add to or tighten the city's; else a 409 naming the first loosened criterion. */
export function checkDistrictCriteria(city: readonly Criterion[], district: readonly Criterion[]): Refusal | null {
  for (const d of district) {
    const c = city.find((x) => x.id === d.id);
    if (!c) continue;
    const why = looseningOf(c, d);
    if (why) {
      return ruleRefusal(
        409,
        'district_criterion_loosens',
        DISTRICT_CLAUSE,
        `区级标准只能在市级标准基础上增加或从严，不能放宽：“${c.title.zh}”（${c.id}）${why.zh}`,
        `District criteria may add to or tighten the city's standard, never loosen it: "${c.title.en || c.title.zh}" (${c.id}): ${why.en}`
      );
    }
  }
  return null;
}

/**
 * The criteria a district's project is evaluated against: the city's, each replaced by the district's stricter version,
 * then the district's own. Should the city later tighten a criterion beyond the district's version, the city's wins.
 */
export function mergeCriteria(city: readonly Criterion[], district: readonly Criterion[]): SourcedCriterion[] {
  const byId = new Map(district.map((d) => [d.id, d]));
  const merged: SourcedCriterion[] = city.map((c) => {
    const d = byId.get(c.id);
    return d && !looseningOf(c, d) ? { ...d, source: 'district' } : { ...c };
  });
  for (const d of district) if (!city.some((c) => c.id === d.id)) merged.push({ ...d, source: 'district' });
  return merged;
}
