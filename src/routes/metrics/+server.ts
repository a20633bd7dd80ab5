import type { RequestHandler } from './$types';
import { renderMetrics } from '$lib/server/ops/metrics.ts';
import { metricsAllowed } from '$lib/server/ops/metrics-access.ts';

// Prometheus text format; only from this machine or with the METRICS_TOKEN bearer token.
export const GET: RequestHandler = ({ getClientAddress, request }) => {
  let address = '';
  try {
    address = getClientAddress();
  } catch {
    /* no address (unusual adapters): not local */
  }
  if (!metricsAllowed(address, request.headers))
    return new Response('metrics: only from localhost or with Authorization: Bearer $METRICS_TOKEN\n', {
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8' }
    });
  return new Response(renderMetrics(), {
    headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' }
  });
};
