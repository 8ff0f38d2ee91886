import { describe, expect, it } from 'vitest';
import { clientIp } from './request-meta';

describe('clientIp', () => {
  it('takes the last X-Forwarded-For entry, the one our own server or proxy added', () => {
    expect(clientIp('203.0.113.9')).toBe('203.0.113.9');
    expect(clientIp('6.6.6.6, 10.0.0.1,  198.51.100.4 ')).toBe('198.51.100.4');
  });

  it('unwraps IPv4-mapped IPv6 addresses', () => {
    expect(clientIp('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(clientIp('2001:db8::1')).toBe('2001:db8::1');
  });

  it('says "unknown" without a usable header', () => {
    for (const value of [null, undefined, '', ' ', '1.2.3.4, ']) expect(clientIp(value), String(value)).toBe('unknown');
  });

  it('never returns more than the 45 characters the column holds', () => {
    expect(clientIp('x'.repeat(100))).toHaveLength(45);
  });
});
