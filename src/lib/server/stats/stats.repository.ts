// SQL of the statistics: the projects in scope (drafts never count: nothing was applied for yet) and the
// workflow events that mark their nodes, in two queries whatever the number of projects.
import type { Queryable } from '../db/index.ts';
import type { ClockRecord } from '../../domain/workflow-model.ts';
import type { StatEvent } from './stats.model.ts';

export interface StatRow {
  id: string;
  code: string;
  title: string;
  enterprise_name: string;
  authority_code: string | null;
  stage: string;
  land_type: string | null;
  clock: ClockRecord | null;
}

/** Actions that mark a node, a pause of the clock, or a finding. */
export const NODE_ACTIONS = [
  'submit',
  'accept',
  'return',
  'resubmit',
  'withdraw',
  'start_joint_review',
  'close_joint_review',
  'forward_to_city',
  'recognise',
  'reject',
  'acknowledge_filing',
  'enter_tracking',
  'record_milestone',
  'record_finding',
  'standard_override'
];

export async function statRows(db: Queryable, authorityCode: string | null): Promise<StatRow[]> {
  const { rows } = await db.query<StatRow>(
    `select p.id, p.code, p.title, coalesce(nullif(p.form->>'enterpriseName', ''), u.enterprise_name, u.display_name) as enterprise_name,
            p.authority_code, p.stage, p.land_type, p.workflow->'clock' as clock
       from projects p join users u on u.id = p.owner_id
      where p.stage <> 'draft' ${authorityCode ? 'and p.authority_code = $1' : ''}
      order by p.code`,
    authorityCode ? [authorityCode] : []
  );
  return rows;
}

export async function statEvents(db: Queryable, projectIds: string[]): Promise<Map<string, StatEvent[]>> {
  const out = new Map<string, StatEvent[]>();
  if (!projectIds.length) return out;
  const { rows } = await db.query<{ project_id: string; action: string; at: Date; payload: Record<string, unknown> }>(
    `select project_id, action, at, payload from events where project_id = any($1::uuid[]) and action = any($2::text[]) order by id`,
    [projectIds, NODE_ACTIONS]
  );
  for (const r of rows) {
    const list = out.get(r.project_id) ?? [];
    list.push({ action: r.action, at: r.at, payload: r.payload ?? {} });
    out.set(r.project_id, list);
  }
  return out;
}

export async function authorityCodes(db: Queryable): Promise<{ code: string; name_zh: string; name_en: string }[]> {
  const { rows } = await db.query<{ code: string; name_zh: string; name_en: string }>(
    'select code, name_zh, name_en from authorities order by kind, code'
  );
  return rows;
}

/** Every recognised project (in tracking too), with its form, for the compliance counts. */
export async function recognisedProjectForms(
  db: Queryable
): Promise<{ id: string; form: unknown; authority_code: string | null }[]> {
  const { rows } = await db.query<{ id: string; form: unknown; authority_code: string | null }>(
    `select id, form, authority_code from projects where stage in ('recognised', 'tracking')`
  );
  return rows;
}
