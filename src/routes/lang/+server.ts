import { redirect } from '@sveltejs/kit';
import { safeNext } from '$lib/server/http/safe-next.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, cookies }) => {
  const to = url.searchParams.get('to') === 'en' ? 'en' : 'zh';
  cookies.set('lang', to, { path: '/', httpOnly: false, sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 });
  redirect(303, safeNext(url.searchParams.get('next')));
};
