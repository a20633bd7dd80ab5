#!/usr/bin/env node
// The app's server: adapter-node's (build/index.js: port, host, socket activation, graceful stop), with map
// tiles offered first to the app's fast path (src/lib/server/tiles/fast-path.ts), which answers a signed-in
// user's tile without building SvelteKit's Request and Response, and hands everything else to SvelteKit.
// Started by `npm start` (scripts/start.js) and the tests; `node build/index.js` still works, without it.
const { server } = await import('../build/index.js');
const serveTile = globalThis[Symbol.for('zeroland.serveTile')];
if (typeof serveTile === 'function') {
  const http = server.server;
  const sveltekit = server.attach; // polka's 'request' listener
  http.off('request', sveltekit);
  http.on('request', (req, res) => {
    if (!req.url?.startsWith('/api/v1/tiles/')) return sveltekit(req, res);
    serveTile(req, res).then(
      (done) => done || sveltekit(req, res),
      () => sveltekit(req, res)
    );
  });
}
