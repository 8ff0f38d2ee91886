import { afterEach, describe, expect, it, vi } from 'vitest';
import { pageParam } from './format';

describe('dates', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  const lateOnNewYearsEve = new Date('2026-12-31T23:30:00Z');

  it('are shown in UTC without SITE_TIME_ZONE', async () => {
    vi.stubEnv('SITE_TIME_ZONE', undefined);
    vi.resetModules();
    const { formatDate, formatDateTime } = await import('./format');
    expect(formatDate(lateOnNewYearsEve)).toBe('31 December 2026');
    expect(formatDateTime(lateOnNewYearsEve)).toBe('31 December 2026 at 23:30');
  });

  it('are shown in SITE_TIME_ZONE', async () => {
    vi.stubEnv('SITE_TIME_ZONE', 'Europe/Madrid');
    vi.resetModules();
    const { formatDate, formatDateTime } = await import('./format');
    expect(formatDate(lateOnNewYearsEve)).toBe('1 January 2027');
    expect(formatDateTime(lateOnNewYearsEve)).toBe('1 January 2027 at 00:30');
  });
});

describe('pageParam', () => {
  it('reads a positive whole page number', () => {
    expect(pageParam('1')).toBe(1);
    expect(pageParam('12')).toBe(12);
    expect(pageParam(['3', '5'])).toBe(3);
  });

  it('falls back to page 1 for anything else', () => {
    for (const value of [undefined, '', '0', '-1', '1.5', 'abc', '1e400', '9007199254740993', []]) {
      expect(pageParam(value), JSON.stringify(value)).toBe(1);
    }
  });
});
