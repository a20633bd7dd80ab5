-- Single sign-on with OpenID Connect (issue 17.3). A person signing in through the identity service is
-- linked by (issuer, subject), never by username. An unknown person's first sign-in creates a pending
-- account (no session, no access) with the role and district the claims propose, for the administrator to
-- assign and approve. Login attempts in flight (state, PKCE verifier, nonce) are kept in the database so the
-- callback may reach any instance.
alter table users add column pending boolean not null default false;
alter table users add column oidc_issuer text;
alter table users add column oidc_subject text;
alter table users add column proposed_role text;
alter table users add column proposed_authority text;
create unique index users_oidc_identity on users (oidc_issuer, oidc_subject) where oidc_subject is not null;

create table oidc_logins (
  state text primary key,
  code_verifier text not null,
  nonce text not null,
  next text not null default '/',
  created_at timestamptz not null default now()
);
