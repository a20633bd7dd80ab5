import { describe, expect, it } from 'vitest';
import { clientAddress, isTrusted, parseTrustedProxies } from '../../../src/lib/server/auth/client-address.ts';
import { delayAfter, FREE_FAILURES_PER_PAIR } from '../../../src/lib/server/auth/rate-limit.ts';

describe('clientAddress: X-Forwarded-For only from TRUSTED_PROXIES', () => {
  const proxies = parseTrustedProxies('127.0.0.1, 10.0.0.0/8, fd00::/8');

  it('ignores the header from an untrusted peer: a client cannot pick the address it is counted under', () => {
    expect(clientAddress('203.0.113.9', '1.2.3.4', proxies)).toBe('203.0.113.9');
    expect(clientAddress('203.0.113.9', '1.2.3.4', [])).toBe('203.0.113.9');
    expect(clientAddress('127.0.0.1', '1.2.3.4', [])).toBe('127.0.0.1'); // nothing configured: nobody is trusted
  });

  it('from a trusted proxy takes the rightmost address that is not itself a trusted proxy', () => {
    expect(clientAddress('127.0.0.1', '198.51.100.7', proxies)).toBe('198.51.100.7');
    // the client prepended a fake hop; the proxies appended the real one
    expect(clientAddress('127.0.0.1', '6.6.6.6, 198.51.100.7, 10.1.2.3', proxies)).toBe('198.51.100.7');
    expect(clientAddress('::ffff:127.0.0.1', '198.51.100.7', proxies)).toBe('198.51.100.7');
    expect(clientAddress('fd12::1', '2001:db8::5', proxies)).toBe('2001:db8::5');
  });

  it('falls back to the peer when the header is garbage, and to the first hop when all are proxies', () => {
    expect(clientAddress('127.0.0.1', 'not-an-ip', proxies)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', '10.0.0.1, 10.0.0.2', proxies)).toBe('10.0.0.1');
  });

  it('matches CIDR blocks for IPv4 and IPv6, and refuses a bad setting', () => {
    expect(isTrusted('10.255.0.1', proxies)).toBe(true);
    expect(isTrusted('11.0.0.1', proxies)).toBe(false);
    expect(isTrusted('fdab:cd::1', proxies)).toBe(true);
    expect(isTrusted('fe80::1', proxies)).toBe(false);
    expect(isTrusted('::ffff:10.0.0.1', proxies)).toBe(true);
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/prefix/);
    expect(() => parseTrustedProxies('proxy.local')).toThrow(/TRUSTED_PROXIES/);
  });
});

describe('delays instead of a lock', () => {
  it('five free attempts per account and address, then 30 s doubling up to 15 minutes', () => {
    expect(FREE_FAILURES_PER_PAIR).toBe(5);
    expect([1, 2, 3, 4].map((n) => delayAfter(n, 5))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 20].map((n) => delayAfter(n, 5))).toEqual([30, 60, 120, 240, 480, 900, 900]);
  });
});
