// UI language: Chinese first, English available. Chosen by the `lang` cookie, else Accept-Language, else zh.
import { zh } from './zh.ts';
import { en } from './en.ts';

export type Lang = 'zh' | 'en';
export type MessageKey = keyof typeof zh;
const dictionaries: Record<Lang, Record<MessageKey, string>> = { zh, en };

export function t(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  let s = dictionaries[lang][key] ?? zh[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** Pages speak Chinese unless the user switched; API callers may ask for English with Accept-Language. */
export function pickLang(cookie: string | undefined, acceptLanguage: string | null): Lang {
  if (cookie === 'zh' || cookie === 'en') return cookie;
  if (!acceptLanguage) return 'zh';
  const first = acceptLanguage.split(',')[0].trim().toLowerCase();
  return first.startsWith('en') ? 'en' : 'zh';
}

/** A text in both languages, as stored in domain data. */
export type Bilingual = { zh: string; en: string };
export const pick = (lang: Lang, text: Bilingual) => text[lang];
