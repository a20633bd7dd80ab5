import { getDb } from '$lib/server/db/index.ts';
import { endpoint, requireUser } from '$lib/server/http/api.ts';
import { filterFromQuery, projectStats } from '$lib/server/stats/stats.service.ts';
import { statsWorkbook } from '$lib/server/stats/stats-xlsx.ts';
import { shanghaiDate } from '$lib/domain/dates.ts';
import { currentSampleKinds, sampleNoticeZh } from '$lib/server/layers/sample-notice.ts';

// GET /api/v1/stats/summary.xlsx?… — the same list as a workbook (申报项目一览表（含工作节点）).
export const GET = endpoint(async (event) => {
  const user = requireUser(event);
  const db = await getDb();
  const projects = await projectStats(db, user, filterFromQuery(event.url.searchParams));
  const bytes = await statsWorkbook(projects, '申报项目一览表', sampleNoticeZh(await currentSampleKinds(db)));
  const name = `申报项目一览表_${shanghaiDate(new Date())}.xlsx`;
  return new Response(bytes as unknown as BodyInit, {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="summary.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'private, no-store'
    }
  });
});
