// A clean stop for the server process. On SIGINT/SIGTERM (or when the supervising `npm start` goes away):
// refuse new requests (503), let the ones in flight finish for up to SHUTDOWN_GRACE_MS, stop the workers
// (hooks registered with onShutdown), close the database — the embedded one cleanly, and say so — and
// exit, all within STOP_DEADLINE_MS. A second signal stops at once.
// adapter-node's own handlers close the listening socket and idle keep-alive connections meanwhile.
import { closeDb } from '../db/index.ts';
import { log } from './log.ts';

const GRACE_MS = Number(process.env.SHUTDOWN_GRACE_MS ?? 2500);
const STOP_DEADLINE_MS = 4500;
const HOOK_TIMEOUT_MS = 1000;

const hooks: Array<{ name: string; stop: () => unknown }> = [];
let stopping: { reason: string; at: number } | null = null;
let installed = false;

/** True from the first stop signal on: new requests are refused with 503. */
export const isStopping = () => stopping !== null;

/** Something to stop before the database closes (a worker pool, a timer): runs once, ≤1 s each. */
export function onShutdown(name: string, stop: () => unknown) {
  hooks.push({ name, stop });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, sleep(ms).then(() => Promise.reject(new Error(`did not finish within ${ms} ms`)))]);

export function installShutdown(opts: { inFlight: () => number }) {
  if (installed) return;
  installed = true;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => void shutdown(sig, opts.inFlight));
  // Under `npm start` the server has its own process group; if the supervisor dies, stop too.
  if (process.connected) process.on('disconnect', () => void shutdown('supervisor-gone', opts.inFlight));
}

async function shutdown(reason: string, inFlight: () => number) {
  if (stopping) {
    // The same stop can arrive twice at once (systemd signals the whole cgroup, the supervisor forwards):
    // only a signal that comes later is a second Ctrl-C.
    if (reason !== 'supervisor-gone' && Date.now() - stopping.at > 300) {
      log.warn('shutdown_forced', {
        signal: reason,
        msg: 'second signal: stopping at once, the database is not closed'
      });
      process.exit(130);
    }
    return;
  }
  const t0 = Date.now();
  stopping = { reason, at: t0 };
  log.info('shutdown_started', {
    signal: reason,
    in_flight: inFlight(),
    msg: `stopping: new requests refused, requests in flight get up to ${GRACE_MS} ms`
  });
  setTimeout(() => {
    log.error('shutdown_deadline', {
      ms: Date.now() - t0,
      msg: `not stopped within ${STOP_DEADLINE_MS} ms: exiting now`
    });
    process.exit(1);
  }, STOP_DEADLINE_MS);

  while (inFlight() > 0 && Date.now() - t0 < GRACE_MS) await sleep(25);
  const left = inFlight();
  if (left > 0) log.warn('shutdown_requests_abandoned', { count: left });

  for (const h of hooks) {
    try {
      await within(Promise.resolve(h.stop()), HOOK_TIMEOUT_MS);
      log.info('shutdown_stopped', { what: h.name });
    } catch (e) {
      log.warn('shutdown_stop_failed', { what: h.name, error: (e as Error).message });
    }
  }

  const tdb = Date.now();
  try {
    const kind = await within(closeDb(), STOP_DEADLINE_MS - (tdb - t0) - 200);
    if (kind)
      log.info('database_closed', {
        engine: kind,
        ms: Date.now() - tdb,
        msg: kind === 'pglite' ? 'embedded database closed cleanly' : 'PostgreSQL connections closed'
      });
  } catch (e) {
    log.error('database_close_failed', { error: (e as Error).message });
    process.exit(1);
  }
  log.info('stopped', { ms: Date.now() - t0 });
  process.exit(0);
}
