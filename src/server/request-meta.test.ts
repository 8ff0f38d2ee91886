import { describe, expect, it } from 'vitest';
import { clientIp } from './request-meta';

describe('clientIp', () => {
  it('takes the last X-Forwarded-For entry, the one our own server or proxy added', () => {
    expect(clientIp('203.0.113.9')).toBe('203.0.113.9');
    expect(clientIp('6.6.6.6, 10.0.0.1,  198.51.100.4 ')).toBe('198.51.100.4');
  });

  it('unwraps IPv4-mapped IPv6 addresses', () => {
    expect(clientIp('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(clientIp('::FFFF:203.0.113.9')).toBe('203.0.113.9');
    expect(clientIp('2001:db8::1')).toBe('2001:db8::1');
    expect(clientIp('::ffff:7f00:1')).toBe('::ffff:7f00:1');
  });

  // Pen test, issue #9 (finding 10): `<svg onload=…>` sent as the header was stored as a comment's IP.
  it('takes only a valid address: the nearest valid entry from the right, else "unknown"', () => {
    expect(clientIp('<svg onload=alert(1)>')).toBe('unknown');
    expect(clientIp('203.0.113.9, <svg onload=alert(1)>')).toBe('203.0.113.9');
    expect(clientIp('198.51.100.4, 203.0.113.9:8080, [2001:db8::1], 1.2.3.999, 01.2.3.4, localhost')).toBe('198.51.100.4');
    expect(clientIp(`1.2.3.4${' '.repeat(3)}x`)).toBe('unknown');
  });

  it('says "unknown" without a usable header', () => {
    for (const value of [null, undefined, '', ' ', ',', ', ']) expect(clientIp(value), String(value)).toBe('unknown');
  });

  it('never returns more than the 45 characters the column holds', () => {
    expect(clientIp('x'.repeat(100))).toBe('unknown');
    expect(clientIp(`fe80::1%${'e'.repeat(40)}`)).toBe('unknown');
    expect(clientIp('0000:0000:0000:0000:0000:ffff:192.168.100.200')).toHaveLength(45);
  });
});
