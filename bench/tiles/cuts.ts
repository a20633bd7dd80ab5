// CPU of over-zoomed tiles (deeper than the stored pyramid, cut from its z14 tiles by overzoom.ts): every
// stored deepest tile of the current versions, cut one and two levels down at three children each (a corner,
// the opposite corner, an edge), three rounds in one process; the first round is what a fresh server pays.
//   DATABASE_URL=postgres://…  npx tsx --import ./scripts/raw-import.js bench/tiles/cuts.ts   (or DATA_DIR=… for the embedded database)
import { closeDb, getDb } from '../../src/lib/server/db/index.ts';
import { overzoomTile } from '../../src/lib/server/tiles/overzoom.ts';
import { currentVersions, pyramidPage } from '../../src/lib/server/tiles/tiles.repository.ts';

const db = await getDb();
const parents: { x: number; y: number; data: Uint8Array }[] = [];
for (const v of await currentVersions(db)) {
  if (v.maxZoom == null) continue;
  // The deepest level only, read in pages from its first key.
  let after = { z: v.maxZoom, x: -1, y: 0 };
  for (
    let page = await pyramidPage(db, v.id, after, 500);
    page.length;
    page = await pyramidPage(db, v.id, after, 500)
  ) {
    for (const t of page) if (t.data.length) parents.push(t);
    after = page[page.length - 1];
  }
}
await closeDb();
const jobs = parents.flatMap((p) =>
  [1, 2].flatMap((dz) => {
    const k = 2 ** dz;
    return [
      [0, 0],
      [k - 1, k - 1],
      [1, 0]
    ].map(([i, j]) => [p.data, dz, p.x * k + i, p.y * k + j] as const);
  })
);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const rounds = [1, 2, 3].map(() => {
  const t0 = cpu();
  for (const [data, dz, x, y] of jobs) overzoomTile(data, dz, x, y);
  return +((cpu() - t0) / jobs.length).toFixed(3);
});
console.log(
  JSON.stringify({
    parents: parents.length,
    parentKb: +(parents.reduce((n, p) => n + p.data.length, 0) / 1024).toFixed(0),
    cuts: jobs.length,
    cpuMsPerCut: rounds
  })
);
