// `node --import ./scripts/raw-import.js` (or `npx tsx --import ./scripts/raw-import.js …`): sources that
// import `./x.sql?raw` run outside Vite, as the benches in bench/ do (hooks: raw-import-hooks.js).
import { register } from 'node:module';

register('./raw-import-hooks.js', import.meta.url);
