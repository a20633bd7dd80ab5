// Structured log: one JSON line per request and per notable event (upload refused, worker restarted,
// migration applied, shutdown), on stdout, for an operator's log collector (journald, Loki, ELK).
// Never pass a password, session token or file content: fields named like secrets are masked anyway.

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

const SECRET_KEY = /pass(word)?|token|secret|cookie|session|authorization/i;

/** The line as written (exported for tests): time first, then level and event, then the fields. */
export function formatLogLine(level: LogLevel, event: string, fields: LogFields = {}): string {
  const line: Record<string, unknown> = { time: new Date().toISOString(), level, event };
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    line[k] = SECRET_KEY.test(k) ? '[redacted]' : typeof v === 'string' && v.length > 500 ? v.slice(0, 500) + '…' : v;
  }
  return JSON.stringify(line);
}

let sink: (line: string) => void = (line) => process.stdout.write(line + '\n');

/** Tests may capture the lines. */
export function setLogSink(fn: (line: string) => void) {
  sink = fn;
}

export function logEvent(event: string, fields: LogFields = {}, level: LogLevel = 'info') {
  sink(formatLogLine(level, event, fields));
}

export const log = {
  info: (event: string, fields?: LogFields) => logEvent(event, fields, 'info'),
  warn: (event: string, fields?: LogFields) => logEvent(event, fields, 'warn'),
  error: (event: string, fields?: LogFields) => logEvent(event, fields, 'error')
};
