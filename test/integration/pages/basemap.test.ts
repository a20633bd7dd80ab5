// BASEMAP_STYLE_URL: the map pages get the configured MapLibre style; unset, they draw the offline style.
// (The administrator's basemap, which takes precedence, is tested in test/e2e/basemap.test.ts.)
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Db } from '../../../src/lib/server/db/index.ts';
import { pageBasemap } from '../../../src/lib/server/map/basemap.service.ts';

let db: Db;
beforeAll(async () => {
  db = await getDb();
});

describe('BASEMAP_STYLE_URL', () => {
  it('is handed to the map page when set', async () => {
    const data = await pageBasemap(db, { BASEMAP_STYLE_URL: 'https://tiles.example.gov.cn/styles/vec.json' });
    expect(data).toEqual({ styleUrl: 'https://tiles.example.gov.cn/styles/vec.json' });
  });

  it('unset or empty: null, and the page uses its offline style', async () => {
    expect(await pageBasemap(db, { BASEMAP_STYLE_URL: '' })).toBeNull();
    expect(await pageBasemap(db, {})).toBeNull();
  });
});
