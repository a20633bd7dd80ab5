// Issue 17.3: single sign-on against a real OpenID provider (oidc-provider, started here): authorisation
// code with PKCE, state and nonce; an unknown person's first sign-in lands pending with the role and
// district the claims propose; after the administrator approves, the next sign-in gives a session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import Provider from 'oidc-provider';
import { getDb } from '../../../src/lib/server/db/index.ts';
import {
  beginOidcLogin,
  completeOidcLogin,
  oidcSettingsFromEnv,
  type OidcSettings
} from '../../../src/lib/server/auth/oidc.ts';
import { resolveSession } from '../../../src/lib/server/auth/session.ts';
import { approvePending, listAccounts } from '../../../src/lib/server/users/accounts.service.ts';
import { freePort } from '../../helpers/service.ts';
import { makeUser } from '../../helpers/fixtures.ts';

const REDIRECT = 'http://zeroland.test/login/oidc/callback';
const people: Record<string, Record<string, unknown>> = {
  wang: {
    name: '王示意',
    preferred_username: 'wang.sso',
    email: 'wang@pudong.example.gov.cn',
    dept_role: '区产业部门',
    district: '浦东新区'
  },
  li: { name: '李示意', preferred_username: 'li.sso', dept_role: '外部人员' }
};
let server: Server;
let settings: OidcSettings;

beforeAll(async () => {
  await getDb();
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'zeroland',
        client_secret: 'test-secret-0123456789',
        redirect_uris: [REDIRECT],
        response_types: ['code'],
        grant_types: ['authorization_code']
      }
    ],
    pkce: { required: () => true, methods: ['S256'] },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'dept_role', 'district'], email: ['email'] },
    findAccount: async (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: async () => ({ sub, ...(people[sub] ?? {}) })
    }),
    cookies: { keys: ['test-cookie-key'] },
    features: { devInteractions: { enabled: true } }
  });
  server = provider.listen(port) as unknown as Server;
  settings = oidcSettingsFromEnv({
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: 'zeroland',
    OIDC_CLIENT_SECRET: 'test-secret-0123456789',
    OIDC_REDIRECT_URI: REDIRECT,
    OIDC_ALLOW_HTTP: '1',
    OIDC_ROLE_CLAIM: 'dept_role',
    OIDC_DISTRICT_CLAIM: 'district',
    OIDC_ROLE_MAP: '区产业部门=district_industry,区政府=district_government'
  })!;
});
afterAll(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

/** A browser at the provider: follows redirects, keeps cookies, signs in as `who` and consents; returns the callback URL. */
async function signInAtProvider(authUrl: string, who: string): Promise<URL> {
  const jar = new Map<string, string>();
  const go = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') }
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  };
  let url = authUrl;
  for (let i = 0; i < 20; i++) {
    if (url.startsWith(REDIRECT)) return new URL(url);
    const res = await go(url);
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url).href;
      continue;
    }
    const html = await res.text();
    const action = new URL(/action="([^"]+)"/.exec(html)![1], url).href;
    const body = html.includes('name="prompt" value="login"')
      ? new URLSearchParams({ prompt: 'login', login: who, password: 'any' })
      : new URLSearchParams({ prompt: 'consent' });
    const posted = await go(action, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' }
    });
    url = new URL(posted.headers.get('location')!, action).href;
  }
  throw new Error('no way back from the provider');
}

const meta = { ip: '10.7.0.1', userAgent: 'vitest' };

describe('single sign-on with OpenID Connect', () => {
  it('sends PKCE (S256), state and nonce to the provider', async () => {
    const url = new URL(await beginOidcLogin(await getDb(), settings, '/projects'));
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT);
  });

  it('an unknown person’s first sign-in lands pending with the proposed role and district; approved, the next sign-in has a session', async () => {
    const db = await getDb();
    const first = await completeOidcLogin(
      db,
      settings,
      await signInAtProvider(await beginOidcLogin(db, settings, '/projects'), 'wang'),
      meta
    );
    expect(first).toEqual({ kind: 'pending', username: 'wang.sso', created: true });
    const a = await makeUser(db, 'admin');
    const admin = {
      id: a.id,
      username: a.username,
      displayName: a.username,
      role: 'admin' as const,
      authorityCode: null,
      department: null,
      enterpriseName: null
    };
    const listed = (await listAccounts(db, admin)).accounts.find((x) => x.username === 'wang.sso')!;
    expect(listed).toMatchObject({
      pending: true,
      sso: true,
      proposedRole: 'district_industry',
      proposedAuthority: 'pudong',
      displayName: '王示意'
    });
    // Signing in again before approval: still pending, no second account.
    const again = await completeOidcLogin(
      db,
      settings,
      await signInAtProvider(await beginOidcLogin(db, settings, '/'), 'wang'),
      meta
    );
    expect(again).toEqual({ kind: 'pending', username: 'wang.sso', created: false });

    await approvePending(db, admin, listed.id, { role: 'district_industry', authorityCode: 'pudong' });
    const third = await completeOidcLogin(
      db,
      settings,
      await signInAtProvider(await beginOidcLogin(db, settings, '/projects'), 'wang'),
      meta
    );
    expect(third).toMatchObject({ kind: 'signed_in', next: '/projects', userId: listed.id });
    if (third.kind !== 'signed_in') return;
    expect(await resolveSession(db, third.token)).toMatchObject({
      username: 'wang.sso',
      role: 'district_industry',
      authorityCode: 'pudong'
    });
    const events = (await listAccounts(db, admin)).events.filter((e) => e.username === 'wang.sso').map((e) => e.action);
    expect(events).toEqual(expect.arrayContaining(['sso_first_sign_in', 'user_approve']));
  });

  it('claims that map to nothing propose nothing; nobody becomes administrator by approval', async () => {
    const db = await getDb();
    const r = await completeOidcLogin(
      db,
      settings,
      await signInAtProvider(await beginOidcLogin(db, settings, '/'), 'li'),
      meta
    );
    expect(r).toMatchObject({ kind: 'pending' });
    const a = await makeUser(db, 'admin');
    const admin = {
      id: a.id,
      username: a.username,
      displayName: a.username,
      role: 'admin' as const,
      authorityCode: null,
      department: null,
      enterpriseName: null
    };
    const li = (await listAccounts(db, admin)).accounts.find((x) => x.username === 'li.sso')!;
    expect(li).toMatchObject({ pending: true, proposedRole: null, proposedAuthority: null });
    await expect(approvePending(db, admin, li.id, { role: 'admin' })).rejects.toMatchObject({ code: 'bad_role' });
    await expect(approvePending(db, admin, li.id, { role: 'district_government' })).rejects.toMatchObject({
      code: 'authority_required'
    });
  });

  it('a callback with an unknown or replayed state, or a code not from this login, is refused', async () => {
    const db = await getDb();
    const cb = await signInAtProvider(await beginOidcLogin(db, settings, '/'), 'wang');
    const forged = new URL(cb);
    forged.searchParams.set('state', 'forged');
    expect(await completeOidcLogin(db, settings, forged, meta)).toEqual({ kind: 'failed', reason: 'unknown_state' });
    expect(await completeOidcLogin(db, settings, cb, meta)).toMatchObject({ kind: 'signed_in' });
    expect(await completeOidcLogin(db, settings, cb, meta)).toEqual({ kind: 'failed', reason: 'unknown_state' });
    // A code issued to one login, presented with another login's state (and so its PKCE verifier): refused by the provider.
    const other = new URL(await beginOidcLogin(db, settings, '/'));
    const stolen = new URL(await signInAtProvider(await beginOidcLogin(db, settings, '/'), 'wang'));
    stolen.searchParams.set('state', other.searchParams.get('state')!);
    expect(await completeOidcLogin(db, settings, stolen, meta)).toEqual({ kind: 'failed', reason: 'provider_refused' });
  });
});
