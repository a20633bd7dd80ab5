// One error type for the user's mistakes (src/lib/errors.ts), translated in three places: the API wrapper,
// the page helpers and the CLI runner (test/integration/cli). A reader's error that reaches the API wrapper
// without anyone catching it on the way is the user's bad file (400/422), not a 500.
import { describe, expect, it } from 'vitest';
import { isHttpError, type RequestEvent } from '@sveltejs/kit';
import { endpoint } from '../../../src/lib/server/http/api.ts';
import { failWith, orErrorPage } from '../../../src/lib/server/http/page-errors.ts';
import { readBoundaryFiles } from '../../../src/lib/geo/formats/index.ts';
import { UploadBudget } from '../../../src/lib/geo/budget.ts';
import { UserError } from '../../../src/lib/errors.ts';

const event = (lang: 'zh' | 'en') =>
  ({ locals: { lang }, url: new URL('http://localhost/api/v1/x') }) as unknown as RequestEvent;
const enc = (s: string) => new TextEncoder().encode(s);
const readBad = () =>
  readBoundaryFiles([{ name: 'bad.geojson', bytes: enc('{"type": "FeatureCollection", "features": [') }]);

describe('the API wrapper', () => {
  it("answers a reader error nobody caught with 400 and the reader's message, in the caller's language", async () => {
    const handler = endpoint(async () => {
      await readBad();
      return new Response('not reached');
    });
    const zh = await handler(event('zh'));
    expect(zh.status).toBe(400);
    const body = (await zh.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toMatch(/geojson/);
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    const en = (await (await handler(event('en'))).json()) as { error: { message: string } };
    expect(en.error.message).toMatch(/GeoJSON/);
  });

  it('answers a file over a budget with 422, naming the limit', async () => {
    const budget = new UploadBudget({ vertices: 3 });
    const handler = endpoint(async () => {
      budget.spendVertices(10);
      return new Response('not reached');
    });
    const r = await handler(event('en'));
    expect(r.status).toBe(422);
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/3/);
  });

  it('lets a bug through (SvelteKit logs it and answers 500)', async () => {
    const handler = endpoint(async () => {
      throw new TypeError('x is undefined');
    });
    await expect(handler(event('en'))).rejects.toBeInstanceOf(TypeError);
  });
});

describe('the page helpers', () => {
  it('a load that meets a reader error shows the error page with 400, not a 500', async () => {
    const e = await orErrorPage(readBad(), 'zh').catch((x: unknown) => x);
    expect(isHttpError(e)).toBe(true);
    expect((e as { status: number }).status).toBe(400);
    expect((e as { body: { message: string } }).body.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('an action returns the refusal as form data, with the version conflict marked', () => {
    const f = failWith(
      new UserError('version_conflict', { zh: '已被他人更新', en: 'changed by someone else' }, 409),
      'en',
      { kind: 'x' }
    );
    expect(f.status).toBe(409);
    expect(f.data).toMatchObject({
      message: 'changed by someone else',
      code: 'version_conflict',
      conflict: true,
      kind: 'x'
    });
    expect(() => failWith(new RangeError('bug'), 'en')).toThrow(RangeError);
  });
});
