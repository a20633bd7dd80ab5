import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index.ts';
import { isCityRole } from '$lib/domain/roles.ts';
import { authorityByCode } from '$lib/domain/authorities.ts';
import { shanghaiDate } from '$lib/domain/dates.ts';
import { ruleSetInForce } from '$lib/server/standard/index.ts';
import { districtCriteriaInForce, listDistrictCriteria } from '$lib/server/standard/district-criteria.service.ts';
import type { PageServerLoad } from './$types';

// District criteria on top of the city's standard (一.3): a district's own users see and publish their district's;
// city users and the administrator pick a district.
export const load: PageServerLoad = async ({ locals, url }) => {
  const user = locals.user;
  if (!user) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  const wide = isCityRole(user.role) || user.role === 'admin';
  const asked = url.searchParams.get('district');
  const code = wide ? (asked && authorityByCode(asked) ? asked : 'pudong') : user.authorityCode;
  if (!code || user.role === 'enterprise') redirect(303, '/');
  const db = await getDb();
  const [city, inForce, versions] = await Promise.all([
    ruleSetInForce(db),
    districtCriteriaInForce(db, code),
    listDistrictCriteria(db, code)
  ]);
  return {
    code,
    wide,
    city: { id: city.id, version: city.version, sample: city.sample, criteria: city.criteria },
    inForce,
    versions,
    today: shanghaiDate(new Date()),
    canPublish: (user.role === 'district_industry' && user.authorityCode === code) || user.role === 'admin'
  };
};
