// Prefix matching of GB/T 4754-2017 codes. The standard is a strict hierarchy: section letter (门类 C),
// division (大类 C35), group (中类 C358), class (小类 C3581); each level's code extends its parent's, so
// "C3581 lies under C35" is a prefix test. A criterion may name any level; so may the project, and when the
// project's code is coarser than the criterion's (project C35, criterion C3581) the answer is "cannot tell".

export type IndustryLevel = 'section' | 'division' | 'group' | 'class';

export function levelOf(code: string): IndustryLevel | null {
  if (/^[A-T]$/.test(code)) return 'section';
  if (/^[A-T]\d{2}$/.test(code)) return 'division';
  if (/^[A-T]\d{3}$/.test(code)) return 'group';
  if (/^[A-T]\d{4}$/.test(code)) return 'class';
  return null;
}

export const LEVEL_LABELS: Record<IndustryLevel, { zh: string; en: string }> = {
  section: { zh: '门类', en: 'section' },
  division: { zh: '大类', en: 'division' },
  group: { zh: '中类', en: 'group' },
  class: { zh: '小类', en: 'class' }
};

/** Parent codes from the section down to the code itself: C3581 → [C, C35, C358, C3581]. */
export function ancestry(code: string): string[] {
  const out = [code[0]];
  for (let n = 3; n <= code.length; n++) out.push(code.slice(0, n));
  return out;
}

export type PrefixMatch =
  | { match: 'yes'; entry: string }
  | { match: 'no' }
  /** The project's code is coarser than some entry it is a prefix of: the entries it may or may not fall under. */
  | { match: 'undetermined'; entries: string[] };

/** Does `code` lie under one of `entries` (each a section, division, group or class)? */
export function matchIndustry(code: string, entries: readonly string[]): PrefixMatch {
  const c = code.trim().toUpperCase();
  // Most specific entry first, so the reason names the narrowest listed category.
  const hit = entries.filter((e) => c.startsWith(e)).sort((a, b) => b.length - a.length)[0];
  if (hit) return { match: 'yes', entry: hit };
  const finer = entries.filter((e) => e.length > c.length && e.startsWith(c));
  return finer.length ? { match: 'undetermined', entries: finer } : { match: 'no' };
}
