// The city path (沪经信规范〔2020〕9号 三.1): "需使用战略预留区范围内新出让土地的，按照战略预留区规划启动机制实施。涉及优质项目
// 认定的，由区政府初审后报市‘三委两局’审核认定". The district's preliminary review (the government's, recorded by the
// district industry department as for decisions, 附件 二.3) comes first and records the step of the reserve-area
// planning mechanism; the city then reviews and decides on its own clock: the district's 10 working days (一.2) stop
// when the project is forwarded.
import type { IsoDate } from '../dates.ts';
import type { PathInfo } from '../paths.ts';
import type { ClockRecord, Refusal } from '../workflow-model.ts';
import { ruleRefusal } from './common.ts';

/** On the 三.1 path the forward must record the 战略预留区规划启动机制 step (what was started, by whom, reference). */
export function checkReserveMechanism(
  path: Pick<PathInfo, 'cityReview'>,
  record: string | null | undefined
): Refusal | null {
  if (!path.cityReview) return null;
  if (record && record.trim().length >= 4) return null;
  return ruleRefusal(
    409,
    'city_reserve_mechanism_missing',
    '三.1',
    '战略预留区内新出让土地按照战略预留区规划启动机制实施：报市审核前须记录该机制的启动情况（启动文件、日期、部门）',
    'Newly transferred land in a strategic reserve area follows the reserve-area planning mechanism: record how it was started (document, date, department) before forwarding to the city'
  );
}

/** The city's own clock: from the forward to the city's decision (null before the forward). */
export function cityClockRecord(forwardedOn: IsoDate | null, decidedOn: IsoDate | null): ClockRecord | null {
  if (!forwardedOn) return null;
  return { startedOn: forwardedOn, pauses: [], stoppedOn: decidedOn };
}
