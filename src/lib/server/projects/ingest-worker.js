// worker_threads entry of the ingest pool (ingest-pool.ts): every byte of an upload is read here, never on
// the server's event loop, under the pool's heap cap and wall-clock budget. Plain JS so Node can start it
// directly; the TypeScript pipeline is loaded through tsx once, when the worker starts (it is then kept warm).
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runIngestJob, warmUp } = await import('./ingest-jobs.ts');

parentPort.on('message', async (msg) => {
  const reply = await runIngestJob(msg.job);
  try {
    parentPort.postMessage({ id: msg.id, reply });
  } catch (e) {
    parentPort.postMessage({ id: msg.id, reply: { ok: false, bug: `reply not sendable: ${e?.message ?? e}` } });
  }
});
// Compile the readers before the first upload arrives (it would otherwise pay 10–30× for cold code).
await warmUp().catch(() => undefined);
parentPort.postMessage({ ready: true });
