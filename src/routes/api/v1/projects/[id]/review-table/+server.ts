import { getDb } from '$lib/server/db/index.ts';
import { apiError, endpoint, requireUser } from '$lib/server/http/api.ts';
import { renderReviewTablePdf, renderReviewTableXlsx, reviewTableData } from '$lib/server/documents/review-table.ts';

const TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
} as const;

// GET /api/v1/projects/:id/review-table?format=pdf|xlsx — 申报项目区级联审情况一览表.
export const GET = endpoint(async (event) => {
  const user = requireUser(event);
  const format = event.url.searchParams.get('format') ?? 'pdf';
  if (format !== 'pdf' && format !== 'xlsx')
    throw apiError(400, 'bad_format', { zh: 'format 只能是 pdf 或 xlsx。', en: 'format must be pdf or xlsx.' });
  const table = await reviewTableData(await getDb(), user, event.params.id ?? '');
  const bytes = format === 'pdf' ? await renderReviewTablePdf(table) : await renderReviewTableXlsx(table);
  const name = `区级联审情况一览表_${table.projectCode}.${format}`;
  return new Response(bytes as unknown as BodyInit, {
    headers: {
      'content-type': TYPES[format],
      'content-disposition': `attachment; filename="review-table.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'private, no-store'
    }
  });
});
