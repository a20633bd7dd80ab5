import { getDb } from '$lib/server/db/index.ts';
import { endpoint, requireUser } from '$lib/server/http/api.ts';
import { currentSheet, issueSheet } from '$lib/server/documents/documents.service.ts';
import { publicOrigin } from '$lib/server/documents/origin.ts';

const pdf = (bytes: Uint8Array, name: string, extra: Record<string, string>) =>
  new Response(bytes as unknown as BodyInit, {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="sheet.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'private, no-store',
      ...extra
    }
  });

// GET /api/v1/projects/:id/sheet.pdf — the current 项目信息表 (the latest issued one).
export const GET = endpoint(async (event) => {
  const user = requireUser(event);
  const s = await currentSheet(await getDb(), user, event.params.id ?? '');
  return pdf(s.bytes, s.name, { 'x-verification-code': s.code, 'x-sha256': s.sha256 });
});

// POST /api/v1/projects/:id/sheet.pdf — 一键成表: issue a new sheet (earlier codes become "superseded").
export const POST = endpoint(async (event) => {
  const user = requireUser(event);
  const s = await issueSheet(await getDb(), user, event.params.id ?? '', publicOrigin(event.url));
  return pdf(s.bytes, `项目信息表_${s.code}.pdf`, {
    'x-verification-code': s.code,
    'x-sha256': s.sha256,
    ...(s.supersedes ? { 'x-supersedes': s.supersedes } : {})
  });
});
