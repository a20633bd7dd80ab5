// The client's address for login throttling and session records (issue 11.9). X-Forwarded-For is believed
// only when the connection comes from a proxy listed in TRUSTED_PROXIES (comma-separated addresses or CIDR
// blocks, e.g. "127.0.0.1,10.0.0.0/8"); then the rightmost address not itself a trusted proxy is the client.
// Anyone else's X-Forwarded-For is ignored: a client cannot choose the address it is counted under.
import { isIP } from 'node:net';

interface Block {
  bytes: number[];
  bits: number;
}

function bytesOf(ip: string): number[] | null {
  let a = ip.trim();
  if (a.startsWith('[') && a.endsWith(']')) a = a.slice(1, -1);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  if (mapped) a = mapped[1];
  const kind = isIP(a);
  if (kind === 4) return a.split('.').map(Number);
  if (kind !== 6) return null;
  const [head, tail = ''] = a.split('::');
  const groups = (s: string) => (s ? s.split(':') : []);
  let h = groups(head),
    t = groups(a.includes('::') ? tail : '');
  // An embedded IPv4 tail (::1.2.3.4) counts as two groups.
  const fix = (g: string[]) =>
    g.flatMap((x) =>
      x.includes('.')
        ? ((b) => [((b[0] << 8) | b[1]).toString(16), ((b[2] << 8) | b[3]).toString(16)])(x.split('.').map(Number))
        : [x]
    );
  h = fix(h);
  t = fix(t);
  const all = a.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return all.flatMap((g) => {
    const n = parseInt(g || '0', 16);
    return [n >> 8, n & 255];
  });
}

export function parseTrustedProxies(spec: string | undefined): Block[] {
  const blocks: Block[] = [];
  for (const part of (spec ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [addr, len] = part.split('/');
    const bytes = bytesOf(addr);
    if (!bytes) throw new Error(`TRUSTED_PROXIES: "${part}" is not an address or CIDR block`);
    const bits = len === undefined ? bytes.length * 8 : Number(len);
    if (!Number.isInteger(bits) || bits < 0 || bits > bytes.length * 8)
      throw new Error(`TRUSTED_PROXIES: bad prefix length in "${part}"`);
    blocks.push({ bytes, bits });
  }
  return blocks;
}

function inBlock(bytes: number[], b: Block): boolean {
  if (bytes.length !== b.bytes.length) return false;
  for (let i = 0, left = b.bits; left > 0; i++, left -= 8) {
    const mask = left >= 8 ? 255 : (0xff << (8 - left)) & 255;
    if ((bytes[i] & mask) !== (b.bytes[i] & mask)) return false;
  }
  return true;
}

export const isTrusted = (ip: string, proxies: Block[]) => {
  const bytes = bytesOf(ip);
  return bytes !== null && proxies.some((b) => inBlock(bytes, b));
};

/** The normalised textual address (IPv4-mapped IPv6 as plain IPv4), or the input trimmed. */
const normal = (ip: string) => {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip.trim());
  return m ? m[1] : ip.trim();
};

export function clientAddress(peer: string, forwardedFor: string | null, proxies: Block[]): string {
  if (!forwardedFor || !isTrusted(peer, proxies)) return normal(peer);
  const hops = forwardedFor
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!bytesOf(hops[i])) return normal(peer); // garbage in the header: count the proxy's own address
    if (!isTrusted(hops[i], proxies)) return normal(hops[i]);
  }
  return normal(hops[0] ?? peer);
}

let cached: { spec: string | undefined; blocks: Block[] } | null = null;
const configured = () => {
  const spec = process.env.TRUSTED_PROXIES;
  if (!cached || cached.spec !== spec) cached = { spec, blocks: parseTrustedProxies(spec) };
  return cached.blocks;
};

/** For a request: the socket's peer (adapter-node passes the Node request as platform.req), then the rule above. */
export function requestAddress(event: { getClientAddress(): string; request: Request; platform?: unknown }): string {
  const req = (event.platform as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req;
  let peer: string;
  try {
    peer = req?.socket?.remoteAddress ?? event.getClientAddress();
  } catch {
    peer = 'unknown';
  }
  return clientAddress(peer, event.request.headers.get('x-forwarded-for'), configured());
}
