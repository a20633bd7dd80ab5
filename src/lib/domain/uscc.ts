// 统一社会信用代码 (Unified Social Credit Code), GB 32100-2015:
// 18 characters = registration authority (1) + organisation type (1) + administrative division code
// GB/T 2260 (6 digits) + organisation code GB 11714 (9) + check character (1).
// Check character: index = (31 − Σ(value_i × weight_i) mod 31) mod 31 over the first 17 characters.

/** The 31 characters allowed (GB 32100-2015 表 1): digits and capitals without I, O, S, V, Z. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
export const USCC_LENGTH = 18;

export interface UsccProblem {
  code: 'uscc_length' | 'uscc_charset' | 'uscc_division' | 'uscc_check';
  zh: string;
  en: string;
}

/** The check character for the first 17 characters (which must already be valid characters). */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('usccCheckChar needs 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17[i]);
    if (v < 0) throw new RangeError(`not a USCC character: ${first17[i]}`);
    sum += v * USCC_WEIGHTS[i];
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31];
}

/** Trim and upper-case what a user typed (full-width letters/digits too, common with Chinese IMEs). */
export function normaliseUscc(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}

/** Null when valid; otherwise what is wrong, in Chinese and English. Expects a normalised code. */
export function checkUscc(code: string): UsccProblem | null {
  if (code.length !== USCC_LENGTH) {
    return {
      code: 'uscc_length',
      zh: `统一社会信用代码应为18位，当前为${code.length}位。`,
      en: `A unified social credit code has 18 characters; this one has ${code.length}.`
    };
  }
  const bad = [...code].map((c, i) => ({ c, i })).filter(({ c }) => !USCC_CHARSET.includes(c));
  if (bad.length > 0) {
    const where = bad.map(({ c, i }) => `${i + 1}:${c}`).join(', ');
    return {
      code: 'uscc_charset',
      zh: `统一社会信用代码含有不允许的字符（第${where}位）；只能使用数字和除 I、O、S、V、Z 以外的大写字母。`,
      en: `The code contains characters that are not allowed (position ${where}); only digits and capital letters except I, O, S, V, Z.`
    };
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    return {
      code: 'uscc_division',
      zh: '统一社会信用代码第3–8位应为6位数字的行政区划码。',
      en: 'Characters 3–8 must be the 6-digit administrative division code.'
    };
  }
  const expected = usccCheckChar(code.slice(0, 17));
  if (code[17] !== expected) {
    return {
      code: 'uscc_check',
      zh: `统一社会信用代码校验位不符：第18位应为“${expected}”，实为“${code[17]}”。请核对营业执照上的代码是否抄错。`,
      en: `The check character does not match: position 18 should be "${expected}", found "${code[17]}". Check the code against the business licence.`
    };
  }
  return null;
}

export const isValidUscc = (input: string) => checkUscc(normaliseUscc(input)) === null;

/**
 * A valid code for tests and demo seeds: 9 (market regulation) + 1 (enterprise) + division + a
 * deterministic organisation-code body from `seed`, + the computed check character.
 */
export function generateUscc(seed: number, division = '310115'): string {
  if (!/^\d{6}$/.test(division)) throw new RangeError('division must be 6 digits');
  let x = (Math.abs(Math.trunc(seed)) * 2654435761 + 12345) >>> 0; // Knuth multiplicative hash
  let body = '';
  for (let i = 0; i < 9; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    body += USCC_CHARSET[(x >>> 8) % USCC_CHARSET.length];
  }
  const first17 = `91${division}${body}`;
  return first17 + usccCheckChar(first17);
}
