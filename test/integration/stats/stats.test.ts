// 汇总统计 on a fixture set with figures computed by hand on the official calendar (2025 National Day:
// 1–8 October off, Sunday 28 September and Saturday 11 October worked), the .xlsx read back, and district flags.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { getDb } from '../../../src/lib/server/db/index.ts';
import { cityDashboard, projectStats } from '../../../src/lib/server/stats/stats.service.ts';
import { districtFigures, p90 } from '../../../src/lib/server/stats/stats.model.ts';
import { STATS_HEADERS, statsWorkbook } from '../../../src/lib/server/stats/stats-xlsx.ts';
import { districtMeasures, recordDistrictMeasure } from '../../../src/lib/server/supervision/supervision.service.ts';
import { uniqueName } from '../../helpers/fixtures.ts';
import { makeFixtureProject, sessionUser, type FixtureEvent } from '../documents/fixture.ts';

const at = (d: string) => `${d}T10:00:00+08:00`;
const ev = (action: string, d: string, payload: Record<string, unknown> = {}): FixtureEvent => ({
  action,
  at: at(d),
  payload
});
const TODAY = '2026-01-23';

describe('statistics', () => {
  it('dates every node, counts working days with holidays, make-up days and returns, flags overdue; exports a real workbook', async () => {
    const db = await getDb();
    const tag = uniqueName('统计');
    const mk = (name: string, authority: string, stage: string, events: FixtureEvent[]) =>
      makeFixtureProject(db, { stage, authority, title: `${tag}-${name}`, landType: 'inside_boundary', events });
    // A: accepted Fri 26 Sep, recognised Tue 14 Oct 2025 → 28/9, 29/9, 30/9, 9/10, 10/10, 11/10, 13/10, 14/10 = 8 days.
    const A = await mk('A', 'minhang', 'tracking', [
      ev('submit', '2025-09-24'),
      ev('accept', '2025-09-26'),
      ev('start_joint_review', '2025-09-29'),
      ev('close_joint_review', '2025-10-10'),
      ev('recognise', '2025-10-14'),
      ev('enter_tracking', '2025-10-14'),
      ev('record_milestone', '2025-11-03', { milestone: 'eia_approved', date: '2025-10-30' })
    ]);
    // B: accepted Mon 3 Nov, returned Wed 5 Nov, resubmitted Mon 10 Nov (6, 7, 10 Nov paused), recognised Fri 21 Nov:
    // 14 working days 4–21 Nov − 3 paused = 11 → decided late.
    const B = await mk('B', 'minhang', 'recognised', [
      ev('submit', '2025-10-31'),
      ev('accept', '2025-11-03'),
      ev('return', '2025-11-05'),
      ev('resubmit', '2025-11-10'),
      ev('recognise', '2025-11-21')
    ]);
    // C: accepted Mon 1 Dec, rejected Fri 5 Dec → 4 days.
    const C = await mk('C', 'minhang', 'rejected', [
      ev('submit', '2025-11-28'),
      ev('accept', '2025-12-01'),
      ev('reject', '2025-12-05')
    ]);
    // D: accepted Mon 5 Jan 2026, still open on Fri 23 Jan → 14 days, due Mon 19 Jan: overdue.
    const D = await mk('D', 'minhang', 'joint_review', [
      ev('submit', '2026-01-04'),
      ev('accept', '2026-01-05'),
      ev('start_joint_review', '2026-01-07')
    ]);

    const city = await sessionUser(db, 'city_sheitc');
    const stats = await projectStats(db, city, { q: tag }, TODAY);
    const by = new Map(stats.map((s) => [s.id, s]));
    expect(stats).toHaveLength(4);
    expect(by.get(A.id)).toMatchObject({ workingDays: 8, late: false, overdue: false, due: '2025-10-16' }); // 9th: 15 Oct, 10th: 16 Oct
    expect(by.get(A.id)!.nodes).toMatchObject({
      submitted: '2025-09-24',
      accepted: '2025-09-26',
      jointReviewStarted: '2025-09-29',
      jointReviewClosed: '2025-10-10',
      decided: '2025-10-14',
      outcome: 'recognised',
      tracking: '2025-10-14',
      milestones: { eia_approved: '2025-10-30' }
    });
    expect(by.get(B.id)).toMatchObject({ workingDays: 11, late: true, overdue: false });
    expect(by.get(C.id)).toMatchObject({ workingDays: 4, late: false });
    expect(by.get(C.id)!.nodes.outcome).toBe('rejected');
    expect(by.get(D.id)).toMatchObject({ workingDays: 14, overdue: true, due: '2026-01-19' });
    expect((await projectStats(db, city, { q: tag, overdue: true }, TODAY)).map((s) => s.id).sort()).toEqual(
      [B.id, D.id].sort()
    );
    expect((await projectStats(db, city, { q: tag, stage: 'recognised' }, TODAY)).map((s) => s.id).sort()).toEqual(
      [A.id, B.id].sort()
    );

    // District scope: another district's officer sees none of them; the district's own sees all four.
    expect(
      await projectStats(db, await sessionUser(db, 'district_industry', 'jinshan'), { q: tag }, TODAY)
    ).toHaveLength(0);
    expect(
      await projectStats(db, await sessionUser(db, 'district_industry', 'minhang'), { q: tag }, TODAY)
    ).toHaveLength(4);
    await expect(projectStats(db, await sessionUser(db, 'enterprise'), {}, TODAY)).rejects.toMatchObject({
      status: 403
    });

    // Workbook: Chinese headers, frozen header row, one row per project, real date cells.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await statsWorkbook(stats, 't')) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(STATS_HEADERS);
    expect(ws.rowCount).toBe(1 + 4);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const rowA = [...Array(ws.rowCount).keys()]
      .map((i) => ws.getRow(i + 1))
      .find((r) => r.getCell(2).value === `${tag}-A`)!;
    const decidedCell = rowA.getCell(STATS_HEADERS.indexOf('认定日期') + 1);
    expect(decidedCell.type).toBe(ExcelJS.ValueType.Date);
    expect((decidedCell.value as Date).toISOString().slice(0, 10)).toBe('2025-10-14');
    expect(rowA.getCell(STATS_HEADERS.indexOf('已用工作日') + 1).value).toBe(8);
  });

  it('district figures and flags: rate, average and p90 working days, overdue; city measures recorded as events', async () => {
    const db = await getDb();
    const tag = uniqueName('旗标');
    const mk = (name: string, authority: string, stage: string, events: FixtureEvent[]) =>
      makeFixtureProject(db, {
        stage,
        authority,
        title: `${tag}-${name}`,
        landType: name === 'C' ? 'outside_boundary' : 'inside_boundary',
        events
      });
    await mk('A', 'minhang', 'recognised', [ev('accept', '2025-09-26'), ev('recognise', '2025-10-14')]); // 8
    await mk('B', 'minhang', 'recognised', [
      ev('accept', '2025-11-03'),
      ev('return', '2025-11-05'),
      ev('resubmit', '2025-11-10'),
      ev('recognise', '2025-11-21')
    ]); // 11
    await mk('C', 'minhang', 'rejected', [ev('accept', '2025-12-01'), ev('reject', '2025-12-05')]); // 4
    // Jinshan: three rejections, each Mon 1 Dec → Wed 17 Dec 2025 = 12 working days.
    for (const n of ['E', 'F', 'G'])
      await mk(n, 'jinshan', 'rejected', [ev('accept', '2025-12-01'), ev('reject', '2025-12-17')]);
    const city = await sessionUser(db, 'city_sheitc');
    const stats = await projectStats(db, city, { q: tag }, TODAY);
    const { districts, city: all } = districtFigures(stats, ['minhang', 'jinshan', 'huangpu']);
    const [mh, js, hp] = districts;
    // City: 6 decided, 2 recognised → 33.3 %.
    expect(all.decided).toBe(6);
    expect(all.recognitionRate).toBeCloseTo(1 / 3, 6);
    // Minhang: 2 of 3 → 66.7 %; days 8, 11, 4 → mean 7.67, p90 (nearest rank: 3rd of 3) 11; one late decision.
    expect(mh).toMatchObject({
      total: 3,
      decided: 3,
      recognised: 2,
      p90DecisionDays: 11,
      lateDecisions: 1,
      byLandType: { inside_boundary: 2, outside_boundary: 1 }
    });
    expect(mh.byStage).toMatchObject({ recognised: 2, rejected: 1, applying: 0 });
    expect(mh.avgDecisionDays).toBeCloseTo(23 / 3, 6);
    expect(mh.flags.map((f) => f.kind)).toEqual(['standard_deviation']); // 33 points from the city, average under 10
    // Jinshan: 0 % (33 points off) and 12 days average > 10: both flags.
    expect(js).toMatchObject({ decided: 3, recognised: 0, avgDecisionDays: 12, lateDecisions: 3 });
    expect(js.flags.map((f) => f.kind)).toEqual(['slow', 'standard_deviation']);
    expect(hp).toMatchObject({ total: 0, recognitionRate: null, avgDecisionDays: null, flags: [] });
    expect(p90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(9);

    // The dashboard lists every authority (17) for city users, and is refused to districts.
    const dash = await cityDashboard(db, city, TODAY);
    expect(dash.districts).toHaveLength(17);
    await expect(cityDashboard(db, await sessionUser(db, 'district_industry', 'minhang'), TODAY)).rejects.toMatchObject(
      { status: 403 }
    );

    // The city acts on a flag: an interview with Jinshan, recorded as an event naming the district.
    const m = await recordDistrictMeasure(db, city, {
      authorityCode: 'jinshan',
      measure: 'interview',
      note: `${tag} 平均认定用时过长`,
      flags: [js.flags[0].zh]
    });
    expect(m.label.zh).toBe('约谈');
    const { rows } = await db.query<{ project_id: string | null; payload: { authorityCode: string; measure: string } }>(
      `select project_id, payload from events where id = $1`,
      [m.id]
    );
    expect(rows[0]).toMatchObject({ project_id: null, payload: { authorityCode: 'jinshan', measure: 'interview' } });
    expect(
      (await districtMeasures(db, await sessionUser(db, 'district_industry', 'jinshan'))).some((x) => x.id === m.id)
    ).toBe(true);
    expect(
      (await districtMeasures(db, await sessionUser(db, 'district_industry', 'minhang'))).some((x) => x.id === m.id)
    ).toBe(false);
    await expect(
      recordDistrictMeasure(db, await sessionUser(db, 'district_industry', 'jinshan'), {
        authorityCode: 'jinshan',
        measure: 'interview',
        note: 'x'
      })
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      recordDistrictMeasure(db, city, { authorityCode: 'nowhere', measure: 'interview', note: 'x' })
    ).rejects.toMatchObject({ status: 400 });
  });
});
