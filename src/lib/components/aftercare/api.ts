// Client calls of the after-recognition panels: JSON or multipart to /api/v1, the server's bilingual error
// message (already in the page's language via Accept-Language) thrown as an Error.
import type { Lang } from '../../i18n/index.ts';

export async function send(
  lang: Lang,
  method: string,
  url: string,
  body?: Record<string, unknown> | FormData
): Promise<unknown> {
  const headers: Record<string, string> = { 'accept-language': lang === 'zh' ? 'zh-CN' : 'en' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(url, { method, headers, body: payload });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error((data as { error?: { message?: string } }).error?.message ?? `HTTP ${res.status}`);
  return data;
}

export const L = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);
