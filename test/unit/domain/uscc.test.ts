import { describe, expect, it } from 'vitest';
import { checkUscc, generateUscc, isValidUscc, normaliseUscc, usccCheckChar } from '../../../src/lib/domain/uscc.ts';

describe('统一社会信用代码 GB 32100-2015', () => {
  it('accepts real public codes (check characters verified independently with a separate script)', () => {
    expect(checkUscc('914403001922038216')).toBeNull(); // 华为技术有限公司
    expect(checkUscc('9144030071526726XG')).toBeNull(); // 腾讯科技（深圳）有限公司
  });

  it('accepts published codes of organisations in Shanghai, Beijing, Zhejiang and Guangdong', () => {
    // From the organisations' published business licences / annual reports (National Enterprise Credit
    // Information Publicity System), not from generateUscc.
    const published: Record<string, string> = {
      上海汽车集团股份有限公司: '91310000132260250X',
      阿里巴巴中国有限公司: '91330100799655058B',
      小米科技有限责任公司: '91110108551385082Q',
      百度在线网络技术北京有限公司: '91110000802100433B',
      中国石油天然气股份有限公司: '91110000710925462X',
      比亚迪股份有限公司: '91440300192317458F'
    };
    for (const [name, code] of Object.entries(published)) expect(checkUscc(code), name).toBeNull();
  });

  it('refuses a published code with two characters swapped or one changed', () => {
    expect(checkUscc('91310000132262050X')?.code).toBe('uscc_check'); // SAIC, digits 14/15 swapped
    expect(checkUscc('91310000132260250Y')?.code).toBe('uscc_check');
  });

  it('computes the check character: 91310000MA1FL4XG4 → 5', () => {
    // Σ value×weight over the 17 characters = 2134; 2134 mod 31 = 26; 31 − 26 = 5 → '5'.
    expect(usccCheckChar('91310000MA1FL4XG4')).toBe('5');
    expect(checkUscc('91310000MA1FL4XG45')).toBeNull();
    const wrong = checkUscc('91310000MA1FL4XG4X');
    expect(wrong).toMatchObject({ code: 'uscc_check' });
    expect(wrong?.zh).toContain('第18位应为“5”');
  });

  it('says what is wrong: length, forbidden letters, division code', () => {
    expect(checkUscc('9131000MA1FL4XG45')).toMatchObject({ code: 'uscc_length' });
    expect(checkUscc('9131000OMA1FL4XG45')?.code).toBe('uscc_charset'); // O is not used (looks like 0)
    expect(checkUscc('9131000OMA1FL4XG45')?.zh).toContain('第8:O位');
    expect(checkUscc('91AB0000MA1FL4XG45')).toMatchObject({ code: 'uscc_division' });
  });

  it('normalises what people type: lower case, spaces, full-width characters', () => {
    expect(normaliseUscc(' 91310000ma1fl4xg45 ')).toBe('91310000MA1FL4XG45');
    expect(normaliseUscc('９１３１００００ＭＡ１ＦＬ４ＸＧ４５')).toBe('91310000MA1FL4XG45');
    expect(isValidUscc('9144 0300 1922 0382 16')).toBe(true);
  });

  it('every single-character typo in the check position is caught', () => {
    const code = '914403001922038216';
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const accepted = [...alphabet].filter((c) => checkUscc(code.slice(0, 17) + c) === null);
    expect(accepted).toEqual(['6']);
  });

  it('generates valid, distinct codes for seeds', () => {
    const codes = Array.from({ length: 500 }, (_, i) => generateUscc(i));
    for (const c of codes) expect(checkUscc(c)).toBeNull();
    expect(new Set(codes).size).toBe(500);
    expect(generateUscc(7, '310115').slice(0, 8)).toBe('91310115');
  });
});
