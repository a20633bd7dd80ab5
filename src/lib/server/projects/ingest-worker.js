// worker_threads entry: runs the boundary pipeline off the main event loop (the DXF reader is
// synchronous and takes seconds on 20 MB drawings). Plain JS so Node can start it directly; the
// TypeScript pipeline is loaded through tsx, from the source tree next to this file.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { ingestBoundary } = await import('../../geo/ingest.ts');
const { BoundaryInputError } = await import('../../geo/types.ts');

parentPort.on('message', async ({ files, opts }) => {
  try {
    parentPort.postMessage({ ok: true, result: await ingestBoundary(files, opts) });
  } catch (e) {
    if (e instanceof BoundaryInputError) parentPort.postMessage({ ok: false, input: { code: e.code, zh: e.zh, en: e.en } });
    else parentPort.postMessage({ ok: false, bug: String(e?.stack ?? e) });
  }
});
