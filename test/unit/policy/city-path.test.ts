// 三.1 city path: the forward records the reserve-area planning mechanism; the district's clock stops at the forward
// and the city's review runs on its own clock.
import { describe, expect, it } from 'vitest';
import { checkReserveMechanism, cityClockRecord } from '../../../src/lib/domain/policy/city-path.ts';
import { pathOf } from '../../../src/lib/domain/paths.ts';
import { DOCS_BASIC, FACTS, Journey } from '../domain/workflow-helpers.ts';

describe('city path (三.1)', () => {
  it('the reserve-area planning mechanism must be recorded on the 三.1 path only', () => {
    expect(checkReserveMechanism(pathOf(FACTS.reserveNew), null)).toMatchObject({
      status: 409,
      code: 'city_reserve_mechanism_missing'
    });
    expect(checkReserveMechanism(pathOf(FACTS.reserveNew), 'abc')!.zh).toContain('三.1');
    expect(checkReserveMechanism(pathOf(FACTS.reserveNew), '市规划资源局启动')).toBeNull();
    expect(checkReserveMechanism(pathOf(FACTS.insideRetained), null)).toBeNull();
  });

  it("the district's clock stops when the project is forwarded; the city's runs from that day to its decision", () => {
    const j = new Journey(FACTS.reserveNew)
      .do('enterprise', 'submit', { attachedDocuments: DOCS_BASIC }, '2026-11-02')
      .do('district_industry', 'accept', {}, '2026-11-02')
      .do('district_industry', 'forward_to_city', {}, '2026-11-05');
    expect(j.state.clock).toMatchObject({ startedOn: '2026-11-02', stoppedOn: '2026-11-05' });
    expect(cityClockRecord('2026-11-05', null)).toEqual({ startedOn: '2026-11-05', pauses: [], stoppedOn: null });
    expect(cityClockRecord(null, null)).toBeNull();
  });
});
