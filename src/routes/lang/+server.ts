import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, cookies }) => {
  const to = url.searchParams.get('to') === 'en' ? 'en' : 'zh';
  cookies.set('lang', to, { path: '/', httpOnly: false, sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 });
  const next = url.searchParams.get('next') ?? '/';
  redirect(303, next.startsWith('/') && !next.startsWith('//') ? next : '/');
};
