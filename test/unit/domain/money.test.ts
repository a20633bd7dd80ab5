import { describe, expect, it } from 'vitest';
import { wanInEnglish, withUnit } from '../../../src/lib/domain/money.ts';

describe('万元 amounts in English (issue 14.6)', () => {
  it('reads as yuan, not as "10k CNY"', () => {
    expect(wanInEnglish(18_500)).toBe('CNY 185 million');
    expect(wanInEnglish(15_000)).toBe('CNY 150 million');
    expect(wanInEnglish(83.33, '/mu')).toBe('CNY 833,300/mu');
    expect(wanInEnglish(833.34, '/mu')).toBe('CNY 8.33 million/mu');
    expect(wanInEnglish(250_000)).toBe('CNY 2.5 billion');
    expect(wanInEnglish(0)).toBe('CNY 0');
  });
  it('Chinese keeps 万元; other units stay as they are', () => {
    const wan = { zh: '万元', en: '10k CNY' };
    expect(withUnit(18_500, '18,500', wan, 'zh')).toBe('18,500 万元');
    expect(withUnit(18_500, '18,500', wan, 'en')).toBe('CNY 185 million');
    expect(withUnit(83.33, '83.33', { zh: '万元/亩', en: '10k CNY/mu' }, 'en')).toBe('CNY 833,300/mu');
    expect(withUnit(1.5, '1.5', { zh: '', en: '' }, 'en')).toBe('1.5');
    expect(withUnit(12, '12', { zh: '平方米', en: 'm²' }, 'en')).toBe('12 m²');
  });
});
