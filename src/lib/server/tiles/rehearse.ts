// A just-started process cut its first over-zoomed tiles (deeper than the stored pyramid) in V8's
// unoptimised tiers: 100–160 ms for the first z15 tiles of a fresh server against ~1 ms later (bench/tiles,
// stop 14). Once the current pyramids are in memory the server cuts a few of their largest deepest tiles
// once, results dropped, so that the first users meet compiled code rather than paying for its compilation.
import { log } from '../ops/log.ts';
import { overzoomTile, concatTiles } from './overzoom.ts';
import { largestResident } from './resident.ts';

/** Tiles cut per version and zoom step: enough calls for V8 to optimise the cutter's loops. */
const PER_VERSION = 4;

export async function rehearseTiles(versions: { id: number; maxZoom: number | null }[]) {
  const t0 = performance.now();
  let cuts = 0;
  for (const v of versions) {
    if (v.maxZoom == null) continue;
    const deepest = largestResident(v.id, v.maxZoom, PER_VERSION);
    for (const t of deepest)
      for (const dz of [1, 2]) {
        concatTiles([overzoomTile(t.data, dz, (t.x << dz) + 1, (t.y << dz) + 1), t.data]);
        cuts++;
      }
    // Requests get their turn between versions.
    await new Promise((r) => setImmediate(r));
  }
  if (cuts) log.info('tiles_rehearsed', { cuts, ms: Math.round(performance.now() - t0) });
}
