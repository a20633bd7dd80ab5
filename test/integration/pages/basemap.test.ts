// BASEMAP_STYLE_URL: the map pages get the configured MapLibre style; unset, they draw the offline style.
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => vi.unstubAllEnvs());

describe('BASEMAP_STYLE_URL', () => {
  it('is handed to the map page when set', async () => {
    vi.stubEnv('BASEMAP_STYLE_URL', 'https://tiles.example.gov.cn/styles/vec.json');
    const { load } = await import('../../../src/routes/+page.server.ts');
    const data = (await load()) as { basemapStyleUrl: string | null; layers: unknown[] };
    expect(data.basemapStyleUrl).toBe('https://tiles.example.gov.cn/styles/vec.json');
    expect(Array.isArray(data.layers)).toBe(true);
  });

  it('unset or empty: null, and the page uses its offline style', async () => {
    vi.stubEnv('BASEMAP_STYLE_URL', '');
    const { load } = await import('../../../src/routes/+page.server.ts');
    expect(((await load()) as { basemapStyleUrl: string | null }).basemapStyleUrl).toBeNull();
  });
});
