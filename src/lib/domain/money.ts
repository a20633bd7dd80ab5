// Amounts the forms take in 万元 (10,000 yuan), written as each language writes them (issue 14.6): in
// Chinese "18,500 万元"; in English the yuan amount itself, "CNY 185 million" — "18,500 10k CNY" reads as
// nonsense to an English reader. Per-mu figures keep their "/mu".

/** True for a unit given in 万元 (its English form starts with "10k CNY"). */
export const isWanUnit = (unit: { en: string } | null | undefined) => !!unit && /^10k CNY/.test(unit.en);

/** A 万元 amount in English yuan: CNY 185 million, CNY 833,300, CNY 8.33 million/mu. */
export function wanInEnglish(valueWan: number, per = ''): string {
  const yuan = valueWan * 10_000;
  const abs = Math.abs(yuan);
  const body =
    abs >= 1e8
      ? `${trim(yuan / 1e9, abs >= 1e10 ? 1 : 2)} billion`
      : abs >= 1e6
        ? `${trim(yuan / 1e6, 2)} million`
        : Math.round(yuan).toLocaleString('en-GB');
  // 1e8 yuan is 0.1 billion: keep millions up to 999 million.
  const text = abs >= 1e8 && abs < 1e9 ? `${trim(yuan / 1e6, 0)} million` : body;
  return `CNY ${text}${per}`;
}

const trim = (n: number, digits: number) => n.toLocaleString('en-GB', { maximumFractionDigits: digits });

/** A value with its unit in the reader's language; 万元 units are converted for English. */
export function withUnit(
  value: number,
  formatted: string,
  unit: { zh: string; en: string } | null | undefined,
  lang: 'zh' | 'en'
): string {
  if (!unit || !unit[lang]) return formatted;
  if (lang === 'en' && isWanUnit(unit)) return wanInEnglish(value, unit.en.slice('10k CNY'.length));
  return `${formatted} ${unit[lang]}`;
}
