import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { decodePendingIds, encodePendingIds } from './visitor-cookie';

// src/server/env.ts validates the environment on first use (then keeps it): give it test values.
beforeAll(() => {
  vi.stubEnv('AUTH_SECRET', 'unit-test-secret-unit-test-secret-0123456789');
  vi.stubEnv('DATABASE_URL', 'postgresql://unused@127.0.0.1:1/unused');
});

describe('the pending-comments cookie', () => {
  it('gives back the ids it was given', () => {
    expect(decodePendingIds(encodePendingIds([3]))).toEqual([3]);
    expect(decodePendingIds(encodePendingIds([1, 22, 333, 2_147_483_647]))).toEqual([1, 22, 333, 2_147_483_647]);
    expect(decodePendingIds(encodePendingIds([]))).toEqual([]);
  });

  it('holds only ids and a signature, no other data', () => {
    expect(encodePendingIds([5, 9])).toMatch(/^5-9\.[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a cookie whose ids were edited', () => {
    const [, signature] = encodePendingIds([5, 9]).split('.');
    expect(decodePendingIds(`5-10.${signature}`)).toEqual([]);
    expect(decodePendingIds(`5.${signature}`)).toEqual([]);
    expect(decodePendingIds(`5-9-11.${signature}`)).toEqual([]);
  });

  it('refuses a cookie whose signature was edited, cut or left out', () => {
    const cookie = encodePendingIds([5, 9]);
    const last = cookie.at(-1) === 'A' ? 'B' : 'A';
    expect(decodePendingIds(cookie.slice(0, -1) + last)).toEqual([]);
    expect(decodePendingIds(cookie.slice(0, -1))).toEqual([]);
    expect(decodePendingIds(`${cookie}A`)).toEqual([]);
    expect(decodePendingIds('5-9')).toEqual([]);
    expect(decodePendingIds('5-9.')).toEqual([]);
  });

  it('refuses a cookie signed with another secret', () => {
    const forged = createHmac('sha256', 'some-other-secret-some-other-secret-0000').update('pending-comments:5-9').digest('base64url');
    expect(decodePendingIds(`5-9.${forged}`)).toEqual([]);
  });

  it('gives [] for a missing or garbage cookie', () => {
    for (const value of [undefined, '', '.', '..', 'garbage', 'a.b', '%00.%00', '😀.😀', 'x'.repeat(5000)]) {
      expect(decodePendingIds(value), String(value)).toEqual([]);
    }
  });
});
