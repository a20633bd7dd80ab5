// /metrics is for the operator's Prometheus: from this machine (loopback, not forwarded by a proxy),
// or with `Authorization: Bearer $METRICS_TOKEN`.
import { timingSafeEqual } from 'node:crypto';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
const FORWARDED = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

export function metricsAllowed(clientAddress: string, headers: Headers, token = process.env.METRICS_TOKEN): boolean {
  const auth = headers.get('authorization') ?? '';
  if (token && auth.startsWith('Bearer ')) {
    const a = Buffer.from(auth.slice(7).trim());
    const b = Buffer.from(token);
    if (a.length === b.length && timingSafeEqual(a, b)) return true;
  }
  // A reverse proxy on the same machine connects from loopback too: a forwarded request is not local.
  return LOOPBACK.test(clientAddress) && !FORWARDED.some((h) => headers.has(h));
}
