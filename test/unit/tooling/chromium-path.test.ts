// Browser tests use the Chromium named by CHROMIUM_PATH (default /usr/bin/chromium), in every file.
import { afterEach, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

it('CHROMIUM_PATH is honoured by the browser helper and the journey steps; a missing browser skips', async () => {
  vi.stubEnv('CHROMIUM_PATH', '/opt/nowhere/chromium');
  vi.resetModules();
  const helper = await import('../../helpers/browser.ts');
  const journey = await import('../../e2e/journey-steps.ts');
  expect(helper.CHROMIUM).toBe('/opt/nowhere/chromium');
  expect(journey.CHROMIUM).toBe('/opt/nowhere/chromium');
  expect(helper.hasChromium).toBe(false);
});

it("defaults to Debian's /usr/bin/chromium", async () => {
  vi.stubEnv('CHROMIUM_PATH', undefined as unknown as string);
  delete process.env.CHROMIUM_PATH;
  vi.resetModules();
  expect((await import('../../helpers/browser.ts')).CHROMIUM).toBe('/usr/bin/chromium');
});
