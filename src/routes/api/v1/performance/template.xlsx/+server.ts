import { getDb } from '$lib/server/db/index.ts';
import { endpoint, requireUser } from '$lib/server/http/api.ts';
import { performanceTemplate } from '$lib/server/aftercare/performance-xlsx.ts';

// GET /api/v1/performance/template.xlsx — the yearly figures template, pre-filled with the district's recognised projects.
export const GET = endpoint(async (event) => {
  const bytes = await performanceTemplate(await getDb(), requireUser(event));
  return new Response(bytes as unknown as BodyInit, {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('年度实绩导入模板.xlsx')}`,
      'cache-control': 'private, no-store'
    }
  });
});
