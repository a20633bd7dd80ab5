// The top bar's entries and who sees them. Pages still check permissions themselves; this only hides
// links a role cannot use.
import { CITY_ROLES, type Role } from './domain/roles.ts';
import type { MessageKey } from './i18n/index.ts';

export interface NavEntry {
  href: string;
  key: MessageKey;
  roles?: readonly Role[];
}

const LEADS: readonly Role[] = ['district_industry', 'district_government', 'lingang_committee'];

export const NAV: readonly NavEntry[] = [
  { href: '/', key: 'nav_map' },
  { href: '/projects', key: 'nav_projects' },
  { href: '/inbox', key: 'nav_inbox' },
  { href: '/notifications', key: 'nav_notifications' },
  { href: '/stats', key: 'nav_stats', roles: [...LEADS, ...CITY_ROLES, 'admin'] },
  { href: '/supervision', key: 'nav_supervision', roles: [...LEADS, ...CITY_ROLES, 'admin'] },
  { href: '/admin/standard', key: 'nav_standard', roles: ['admin', 'city_sheitc'] },
  { href: '/standard/district', key: 'nav_district_criteria', roles: [...LEADS, ...CITY_ROLES, 'admin'] },
  { href: '/admin/layers', key: 'nav_layers', roles: ['admin'] },
  { href: '/admin/users', key: 'nav_users', roles: ['admin'] },
  { href: '/admin/api-tokens', key: 'nav_api_tokens', roles: ['admin'] },
  { href: '/admin/departments', key: 'nav_departments', roles: ['admin'] },
  { href: '/admin/policy', key: 'nav_policy', roles: ['admin'] },
  { href: '/admin/calendar', key: 'nav_calendar', roles: ['admin', 'city_sheitc'] }
];

export const navFor = (role: Role) => NAV.filter((e) => !e.roles || e.roles.includes(role));

/** The entry a path belongs to (longest matching prefix), for highlighting. */
export function activeHref(pathname: string): string | undefined {
  const matches = NAV.filter((e) =>
    e.href === '/' ? pathname === '/' : pathname === e.href || pathname.startsWith(e.href + '/')
  );
  return matches.sort((a, b) => b.href.length - a.href.length)[0]?.href;
}
