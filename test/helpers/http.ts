// A tiny HTTP client for API tests: keeps the session cookie like a browser would.
import { inject } from 'vitest';
import { checkAgainstOpenApi } from './openapi-validate.ts';

export const baseUrl = () => inject('baseUrl');

export class Client {
  cookie = '';
  constructor(public lang: 'zh' | 'en' = 'zh') {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const init: RequestInit = {
      method,
      headers: {
        'accept-language': this.lang,
        origin: baseUrl(),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers
      },
      redirect: 'manual'
    };
    if (body instanceof FormData) init.body = body;
    else if (typeof body === 'string') {
      init.body = body;
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    } else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const res = await fetch(baseUrl() + path, init);
    await checkAgainstOpenApi(baseUrl(), method, baseUrl() + path, res);
    const set = res.headers.getSetCookie();
    for (const c of set) {
      const [pair] = c.split(';');
      if (pair.startsWith('zl_session='))
        this.cookie = /zl_session=;|Max-Age=0|expires=Thu, 01 Jan 1970/i.test(c) ? '' : pair;
    }
    return res;
  }

  async login(username: string, password = 'demo2026') {
    const res = await this.request('POST', '/api/v1/session', { username, password });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    return this;
  }
}

export const loginAs = (username: string, lang: 'zh' | 'en' = 'zh') => new Client(lang).login(username);
