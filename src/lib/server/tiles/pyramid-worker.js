// worker_threads entry: builds a layer version's tile pyramid off the main event loop (a 30,000-patch layer
// takes seconds of CPU). Plain JS so Node can start it directly; the TypeScript is loaded through tsx.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { buildPyramid } = await import('./pyramid.ts');

parentPort.on('message', ({ layerName, rows, maxZoom }) => {
  try {
    const tiles = [];
    buildPyramid(layerName, rows, (t) => tiles.push(t), maxZoom);
    parentPort.postMessage(
      { ok: true, tiles },
      tiles.map((t) => t.data.buffer)
    );
  } catch (e) {
    parentPort.postMessage({ ok: false, bug: String(e?.stack ?? e) });
  }
});
