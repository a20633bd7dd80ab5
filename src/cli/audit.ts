// zeroland audit verify [--json]: proves the event log intact (exit 0) or names the first broken row (exit 3).
import { closeDb, getDb } from '../lib/server/db/index.ts';
import { verifyEventChain } from '../lib/server/audit/verify.ts';
import { cliError, parseArgs } from './run.ts';

export default async function audit(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw cliError('usage: zeroland audit verify [--json]');
  const { flags } = parseArgs(rest, ['json']);
  const db = await getDb();
  try {
    const report = await verifyEventChain(db);
    const zh = (process.env.LANG ?? '').startsWith('zh');
    if (flags.json) process.stdout.write(JSON.stringify(report) + '\n');
    else if (report.ok) {
      process.stdout.write(
        zh
          ? `事件日志完整：${report.rows} 条，链头哈希 ${report.headHash}\n`
          : `event log intact: ${report.rows} events, head hash ${report.headHash}\n`
      );
    } else {
      process.stdout.write(`${zh ? report.broken!.zh : report.broken!.en}\n`);
    }
    return report.ok ? 0 : 3;
  } finally {
    await closeDb();
  }
}
