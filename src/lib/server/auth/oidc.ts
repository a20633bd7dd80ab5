// OpenID Connect sign-in (issue 17.3): authorisation code with PKCE (S256), state and nonce, through
// openid-client. Configured by environment (README "Single sign-on"). The pending login (state, verifier,
// nonce, where to go next) is kept in the database, so the callback may land on any instance. A person is
// linked by (issuer, subject); an unknown person's first sign-in creates a pending account with the role and
// district the claims propose, and no session until the administrator approves it.
import * as oidc from 'openid-client';
import type { Db } from '../db/index.ts';
import { createSession } from './session.ts';
import { findUserByUsername, insertUser } from '../users/users.repository.ts';
import { insertOfficeEvent } from '../audit/events.repository.ts';
import {
  insertOidcLogin,
  linkSubject,
  pruneOidcLogins,
  takeOidcLogin,
  userBySubject,
  type LinkedUserRow
} from './oidc.repository.ts';
import { parseMap, proposeFromClaims, usernameFromClaims, type ClaimMapping } from '../../domain/sso-claims.ts';

export interface OidcSettings extends ClaimMapping {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scope: string;
  /** Accept an http:// issuer (tests, a provider on the same host); never in production over a network. */
  allowInsecure: boolean;
  /** OIDC_TRUST_CLAIMS=1: a first sign-in whose claims map to a complete role (and district) is active at once. */
  trustClaims: boolean;
  label: string | null;
}

export function oidcSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): OidcSettings | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID) return null;
  const origin = env.ORIGIN ?? `http://localhost:${env.PORT ?? 3000}`;
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET ?? '',
    redirectUri: env.OIDC_REDIRECT_URI ?? `${origin.replace(/\/$/, '')}/login/oidc/callback`,
    scope: env.OIDC_SCOPES ?? 'openid profile email',
    roleClaim: env.OIDC_ROLE_CLAIM ?? 'zl_role',
    districtClaim: env.OIDC_DISTRICT_CLAIM ?? 'zl_district',
    roleMap: parseMap(env.OIDC_ROLE_MAP),
    districtMap: parseMap(env.OIDC_DISTRICT_MAP),
    allowInsecure: env.OIDC_ALLOW_HTTP === '1',
    trustClaims: env.OIDC_TRUST_CLAIMS === '1',
    label: env.OIDC_LABEL ?? null
  };
}

const configs = new Map<string, Promise<oidc.Configuration>>();
/** The provider's metadata (discovery), fetched once per process and settings. */
function configuration(s: OidcSettings): Promise<oidc.Configuration> {
  const key = `${s.issuer} ${s.clientId}`;
  let c = configs.get(key);
  if (!c) {
    c = oidc.discovery(
      new URL(s.issuer),
      s.clientId,
      s.clientSecret || undefined,
      undefined,
      s.allowInsecure ? { execute: [oidc.allowInsecureRequests] } : undefined
    );
    c.catch(() => configs.delete(key));
    configs.set(key, c);
  }
  return c;
}

/** Starts a sign-in: remembers state, PKCE verifier and nonce, and returns the provider's authorisation URL. */
export async function beginOidcLogin(db: Db, s: OidcSettings, next: string): Promise<string> {
  const config = await configuration(s);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  await pruneOidcLogins(db);
  await insertOidcLogin(db, { state, verifier, nonce, next });
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: s.redirectUri,
    scope: s.scope,
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256'
  }).href;
}

export type OidcOutcome =
  | { kind: 'signed_in'; token: string; expiresAt: Date; next: string; userId: string }
  | { kind: 'pending'; username: string; created: boolean }
  | { kind: 'disabled' }
  | { kind: 'failed'; reason: string };

/** The callback: checks state, exchanges the code with the verifier, checks the ID token, then signs in. */
export async function completeOidcLogin(
  db: Db,
  s: OidcSettings,
  callbackUrl: URL,
  meta: { ip: string; userAgent: string }
): Promise<OidcOutcome> {
  const state = callbackUrl.searchParams.get('state') ?? '';
  const pending = await takeOidcLogin(db, state);
  if (!pending) return { kind: 'failed', reason: 'unknown_state' };
  let claims: Record<string, unknown>;
  try {
    const config = await configuration(s);
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: pending.code_verifier,
      expectedState: state,
      expectedNonce: pending.nonce,
      idTokenExpected: true
    });
    const idClaims = tokens.claims()!;
    // Some providers put role and district only in the userinfo answer.
    const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub).catch(() => ({}));
    claims = { ...info, ...idClaims };
  } catch (e) {
    console.warn(`single sign-on refused: ${(e as Error).message}`);
    return { kind: 'failed', reason: 'provider_refused' };
  }
  const user = await linkedUser(db, s, claims);
  if (user.disabled) return { kind: 'disabled' };
  if (user.pending) return { kind: 'pending', username: user.username, created: user.created };
  const session = await createSession(db, user.id, meta);
  return { kind: 'signed_in', token: session.token, expiresAt: session.expiresAt, next: pending.next, userId: user.id };
}

/** The account linked to (issuer, subject), or a new one: pending unless trusted claims make it complete. */
async function linkedUser(db: Db, s: OidcSettings, claims: Record<string, unknown>): Promise<LinkedUserRow> {
  const sub = String(claims.sub);
  return db.transaction(async (tx) => {
    const found = await userBySubject(tx, s.issuer, sub);
    if (found) return found;
    const proposal = proposeFromClaims(claims, s);
    const active = s.trustClaims && proposal.complete;
    let username = usernameFromClaims(claims);
    if (await findUserByUsername(tx, username))
      username = `${username.slice(0, 30)}_${sub.replace(/[^A-Za-z0-9]/g, '').slice(-6) || 'sso'}`;
    const displayName =
      typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 100) : username;
    // A pending account holds the least role until approved; it cannot sign in (resolveSession skips it).
    const id = await insertUser(tx, {
      username,
      displayName,
      role: active ? proposal.role! : 'enterprise',
      authorityCode: active ? proposal.authorityCode : null,
      email: typeof claims.email === 'string' ? claims.email.slice(0, 200) : null,
      passwordHash: '!'
    });
    await linkSubject(tx, id, {
      pending: !active,
      issuer: s.issuer,
      subject: sub,
      proposedRole: proposal.role,
      proposedAuthority: proposal.authorityCode
    });
    await insertOfficeEvent(tx, {
      actorId: id,
      role: null,
      action: 'sso_first_sign_in',
      payload: {
        userId: id,
        username,
        issuer: s.issuer,
        proposedRole: proposal.role,
        proposedAuthority: proposal.authorityCode,
        pending: !active
      }
    });
    return { id, username, pending: !active, disabled: false, created: true };
  });
}
