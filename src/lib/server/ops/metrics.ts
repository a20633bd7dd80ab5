// Prometheus metrics, in process: a tiny registry (counters, gauges, histograms with labels) rendered in
// the text exposition format 0.0.4 at /metrics. Other modules call the named functions at the bottom
// (metrics.uploadRefused(reason), metrics.workerRestarted(pool), …); they never throw.

type Labels = Record<string, string>;

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
// Called on every request (tiles: thousands a second), so no localeCompare (ICU) or JSON: each name and
// value prefixed by its length, which no other label set can spell. Internal only: any fixed order will do.
const key = (labels: Labels) => {
  const names = Object.keys(labels);
  if (names.length > 1) names.sort();
  let k = '';
  for (const n of names) k += `${n.length}:${n}${labels[n].length}:${labels[n]}`;
  return k;
};
const fmtLabels = (labels: Labels, extra?: [string, string]) => {
  const all = Object.entries(labels);
  if (extra) all.push(extra);
  return all.length ? `{${all.map(([k, v]) => `${k}="${esc(v)}"`).join(',')}}` : '';
};
const num = (n: number) => (Number.isFinite(n) ? String(n) : n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN');

interface Metric {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  render(): string[];
}

const registry = new Map<string, Metric>();

function register<M extends Metric>(m: M): M {
  registry.set(m.name, m);
  return m;
}

export function counter(name: string, help: string) {
  const values = new Map<string, { labels: Labels; value: number }>();
  return register({
    name,
    help,
    type: 'counter' as const,
    inc(labels: Labels = {}, by = 1) {
      const k = key(labels);
      const cur = values.get(k);
      if (cur) cur.value += by;
      else values.set(k, { labels, value: by });
    },
    get: (labels: Labels = {}) => values.get(key(labels))?.value ?? 0,
    render: () => [...values.values()].map((v) => `${name}${fmtLabels(v.labels)} ${num(v.value)}`)
  });
}

/** A gauge whose values are read when /metrics is scraped. */
export function gauge(name: string, help: string, read: () => Array<{ labels?: Labels; value: number }>) {
  return register({
    name,
    help,
    type: 'gauge' as const,
    render: () => {
      try {
        return read().map((v) => `${name}${fmtLabels(v.labels ?? {})} ${num(v.value)}`);
      } catch {
        return [];
      }
    }
  });
}

export function histogram(name: string, help: string, buckets: number[]) {
  const series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  return register({
    name,
    help,
    type: 'histogram' as const,
    observe(labels: Labels, value: number) {
      const k = key(labels);
      let s = series.get(k);
      if (!s) series.set(k, (s = { labels, counts: buckets.map(() => 0), sum: 0, count: 0 }));
      for (let i = buckets.length - 1; i >= 0 && value <= buckets[i]; i--) s.counts[i]++;
      s.sum += value;
      s.count++;
    },
    render: () =>
      [...series.values()].flatMap((s) => [
        ...buckets.map((b, i) => `${name}_bucket${fmtLabels(s.labels, ['le', num(b)])} ${s.counts[i]}`),
        `${name}_bucket${fmtLabels(s.labels, ['le', '+Inf'])} ${s.count}`,
        `${name}_sum${fmtLabels(s.labels)} ${num(s.sum)}`,
        `${name}_count${fmtLabels(s.labels)} ${s.count}`
      ])
  });
}

/** The whole registry in the Prometheus text format. */
export function renderMetrics(): string {
  const out: string[] = [];
  for (const m of registry.values()) {
    out.push(
      `# HELP ${m.name} ${m.help.replace(/\\/g, '\\\\').replace(/\n/g, ' ')}`,
      `# TYPE ${m.name} ${m.type}`,
      ...m.render()
    );
  }
  return out.join('\n') + '\n';
}

/** Label values come from codes and route ids; anything else is folded so a client can't blow up the series. */
const labelValue = (v: string | null | undefined, fallback = 'other') =>
  v && /^[\w./[\]@:-]{1,100}$/.test(v) ? v : fallback;

// ---- the application's metrics ----

const requestDuration = histogram(
  'zeroland_http_request_duration_seconds',
  'Time to answer an HTTP request, by route (SvelteKit route id) and method.',
  [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]
);
const requests = counter('zeroland_http_requests_total', 'HTTP requests answered, by route, method and status.');
const uploadsAccepted = counter(
  'zeroland_uploads_accepted_total',
  'File uploads (multipart requests) accepted, by route.'
);
const uploadsRefused = counter(
  'zeroland_uploads_refused_total',
  'File uploads refused, by reason (the error code the user was shown).'
);
const workerRestarts = counter(
  'zeroland_worker_restarts_total',
  'Worker threads that died or were terminated and replaced, by pool.'
);
const tilesServed = counter('zeroland_tiles_served_total', 'Vector tiles served, by layer.');
const events = counter('zeroland_events_total', 'Notable events logged, by name.');

let inFlight = 0;
const queueDepths = new Map<string, () => number>();

gauge('zeroland_http_requests_in_flight', 'HTTP requests being answered now.', () => [{ value: inFlight }]);
gauge('zeroland_queue_depth', 'Jobs waiting in a work queue (e.g. upload parsing), by queue.', () =>
  [...queueDepths.entries()].map(([queue, read]) => ({ labels: { queue }, value: read() }))
);
gauge(
  'zeroland_server_restarts_total',
  'Times the supervisor (npm start) restarted the server process after it died.',
  () => [{ value: Number(process.env.ZEROLAND_RESTARTS ?? 0) || 0 }]
);
gauge('process_resident_memory_bytes', 'Resident memory of the server process.', () => [
  { value: process.memoryUsage.rss() }
]);
gauge('nodejs_heap_used_bytes', 'V8 heap in use.', () => [{ value: process.memoryUsage().heapUsed }]);
gauge('process_uptime_seconds', 'Seconds since the server process started.', () => [
  { value: Math.round(process.uptime()) }
]);

export const metrics = {
  requestStarted() {
    inFlight++;
  },
  requestFinished(route: string | null, method: string, status: number, seconds: number) {
    inFlight = Math.max(0, inFlight - 1);
    const r = labelValue(route, 'unmatched');
    requestDuration.observe({ route: r, method }, seconds);
    requests.inc({ route: r, method, status: String(status) });
  },
  uploadAccepted(route: string | null) {
    uploadsAccepted.inc({ route: labelValue(route, 'unmatched') });
  },
  uploadRefused(reason: string) {
    uploadsRefused.inc({ reason: labelValue(reason) });
  },
  workerRestarted(pool = 'ingest') {
    workerRestarts.inc({ pool: labelValue(pool) });
  },
  tileServed(layer: string) {
    tilesServed.inc({ layer: labelValue(layer) });
  },
  /** A queue reports its depth by a function read at scrape time (the worker pool registers its own). */
  registerQueue(name: string, depth: () => number) {
    queueDepths.set(labelValue(name), depth);
  },
  event(name: string) {
    events.inc({ event: labelValue(name) });
  },
  inFlight: () => inFlight,
  uploadsRefused: (reason: string) => uploadsRefused.get({ reason })
};
