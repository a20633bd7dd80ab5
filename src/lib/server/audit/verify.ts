// Proves the event log intact, or names the first broken row (issue 11.11). The chain is written by the
// events_chain trigger (migrations/050_events_chain.sql); this walks it in chain order, in batches, and
// recomputes every row's hash in the database with the same function the trigger used.
import type { Queryable } from '../db/index.ts';
import { chainHead, chainRows, firstUnchainedEvent, type ChainRow as Row } from './events.repository.ts';

const GENESIS = '0'.repeat(64);
const BATCH = 5000;

export type AuditProblem =
  | 'not_chained' // a row without a chain position: inserted with the trigger switched off
  | 'gap' // chain positions jump: rows were removed
  | 'wrong_link' // the row does not point at its predecessor's hash: a row before it was removed or replaced
  | 'altered' // the row's content no longer gives its stored hash: it was changed
  | 'head_mismatch'; // the chain ends before (or differently from) where the head says: the newest rows were removed

export interface AuditReport {
  ok: boolean;
  rows: number;
  /** The last row's hash: record it elsewhere to detect a rewrite of the whole chain later. */
  headHash: string;
  broken?: { problem: AuditProblem; eventId: string | null; chainNo: number | null; zh: string; en: string };
}

function broken(
  rows: number,
  headHash: string,
  problem: AuditProblem,
  row: Row | null,
  expectedNo: number
): AuditReport {
  const id = row?.id ?? null;
  const at = row ? `第 ${row.chain_no ?? '?'} 条（事件 id ${id}）` : '日志末尾';
  const atEn = row ? `row ${row.chain_no ?? '?'} (event id ${id})` : 'the end of the log';
  const text: Record<AuditProblem, [string, string]> = {
    not_chained: [
      `事件 id ${id} 没有链位置：它是在触发器关闭时写入的。`,
      `Event id ${id} has no chain position: it was written with the trigger switched off.`
    ],
    gap: [
      `${at}之前缺少第 ${expectedNo} 条：有事件被删除。`,
      `Before ${atEn}, row ${expectedNo} is missing: events were deleted.`
    ],
    wrong_link: [
      `${at}没有指向前一条的哈希：前面的事件被删除或替换。`,
      `${atEn} does not carry its predecessor's hash: an earlier event was deleted or replaced.`
    ],
    altered: [
      `${at}的内容与其哈希不符：该事件被修改过。`,
      `The content of ${atEn} does not match its hash: the event was altered.`
    ],
    head_mismatch: [
      `日志在第 ${expectedNo - 1} 条结束，但链头记录的不同：最新的事件被删除。`,
      `The log ends at row ${expectedNo - 1} but the chain head says otherwise: the newest events were deleted.`
    ]
  };
  const [zh, en] = text[problem];
  return { ok: false, rows, headHash, broken: { problem, eventId: id, chainNo: row?.chain_no ?? null, zh, en } };
}

export async function verifyEventChain(db: Queryable): Promise<AuditReport> {
  const head = await chainHead(db);
  const headHash = head?.last_hash ?? GENESIS;
  const unchained = await firstUnchainedEvent(db);
  if (unchained) return broken(0, headHash, 'not_chained', unchained, 0);
  let prev = GENESIS;
  let expected = 1;
  let seen = 0;
  for (;;) {
    const rows = await chainRows(db, expected, BATCH);
    for (const r of rows) {
      if (r.chain_no !== expected) return broken(seen, headHash, 'gap', r, expected);
      if (r.prev_hash !== prev) return broken(seen, headHash, 'wrong_link', r, expected);
      if (r.hash !== r.recomputed) return broken(seen, headHash, 'altered', r, expected);
      prev = r.hash!;
      expected++;
      seen++;
    }
    if (rows.length < BATCH) break;
  }
  if (!head || Number(head.last_no) !== seen || head.last_hash !== prev)
    return broken(seen, headHash, 'head_mismatch', null, expected);
  return { ok: true, rows: seen, headHash };
}
