// Requests that must not reach a route (issue 11.10): a NUL byte in the query string (PostgreSQL text cannot
// hold one, so it would surface as a 500) → 400; an anonymous POST to a page's form action → 401 (the
// action would otherwise run without a user). Answered in the caller's language, as JSON for the API and
// for SvelteKit's enhanced forms, as plain text otherwise.
import { json, type RequestEvent } from '@sveltejs/kit';
import type { Lang } from '../../i18n/index.ts';

const TEXT = {
  nul_in_query: {
    zh: '请求地址中含有空字符（%00），无法处理；请检查链接。',
    en: 'The address contains a NUL character (%00) and cannot be handled; check the link.'
  },
  unauthenticated: {
    zh: '登录已失效或尚未登录：请先登录，再提交表单。',
    en: 'You are not signed in (or your session ended): sign in, then submit the form again.'
  },
  password_change_required: {
    zh: '您使用的是临时密码：请先在“修改密码”页面（/account/password）设置新密码。',
    en: 'You signed in with a temporary password: set a new one first at /account/password.'
  }
} as const;

/** Page POSTs that work without a session. */
const OPEN_POSTS = ['/login', '/logout'];

function answer(event: RequestEvent, status: number, code: keyof typeof TEXT, lang: Lang): Response {
  const message = TEXT[code][lang];
  const wantsJson =
    event.url.pathname.startsWith('/api/') ||
    event.request.headers.get('x-sveltekit-action') === 'true' ||
    !(event.request.headers.get('accept') ?? '').includes('text/html');
  if (wantsJson) return json({ type: 'error', error: { code, message } }, { status });
  return new Response(`${message}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

export function guardRequest(event: RequestEvent, lang: Lang): Response | null {
  for (const [k, v] of event.url.searchParams)
    if (k.includes('\u0000') || v.includes('\u0000')) return answer(event, 400, 'nul_in_query', lang);
  if (
    event.request.method === 'POST' &&
    !event.locals.user &&
    !event.url.pathname.startsWith('/api/') &&
    !OPEN_POSTS.includes(event.url.pathname)
  )
    return answer(event, 401, 'unauthenticated', lang);
  if (
    event.locals.user?.mustChangePassword &&
    event.url.pathname.startsWith('/api/') &&
    event.url.pathname !== '/api/v1/session'
  )
    return answer(event, 403, 'password_change_required', lang);
  return null;
}
