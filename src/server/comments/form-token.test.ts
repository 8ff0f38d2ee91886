import { beforeAll, describe, expect, it, vi } from 'vitest';
import { checkFormToken, issueFormToken } from './form-token';

beforeAll(() => {
  vi.stubEnv('AUTH_SECRET', 'unit-test-secret-unit-test-secret-0123456789');
  vi.stubEnv('DATABASE_URL', 'postgresql://unused@127.0.0.1:1/unused');
});

const NOW = Date.UTC(2024, 5, 1, 12);
const DAY = 86_400_000;

describe('comment form tokens', () => {
  it('accepts a token sent back after the minimum fill time, giving its nonce', () => {
    const token = issueFormToken(NOW - 5_000);
    const verdict = checkFormToken(token, 3, NOW);
    expect(verdict).toEqual({ ok: true, nonce: token.split('.')[1] });
    expect(verdict.nonce).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('gives every form its own nonce', () => {
    expect(issueFormToken(NOW).split('.')[1]).not.toBe(issueFormToken(NOW).split('.')[1]);
  });

  it('calls a form sent back faster than the minimum too fast', () => {
    expect(checkFormToken(issueFormToken(NOW - 2_999), 3, NOW)).toMatchObject({ ok: false, reason: 'too-fast' });
    expect(checkFormToken(issueFormToken(NOW), 0, NOW)).toMatchObject({ ok: true });
  });

  it('calls a token older than a week, or from the future, expired', () => {
    expect(checkFormToken(issueFormToken(NOW - 7 * DAY + 1_000), 3, NOW)).toMatchObject({ ok: true });
    expect(checkFormToken(issueFormToken(NOW - 7 * DAY - 1_000), 3, NOW)).toMatchObject({ ok: false, reason: 'expired' });
    expect(checkFormToken(issueFormToken(NOW + 120_000), 3, NOW)).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('calls an edited, unsigned or garbage token forged, and trusts no nonce from it', () => {
    const [issuedAt, nonce, signature] = issueFormToken(NOW - 60_000).split('.');
    for (const token of [
      `${Number(issuedAt) - 10_000}.${nonce}.${signature}`, // made to look older
      `${issuedAt}.${nonce}x.${signature}`,
      `${issuedAt}.${nonce}.${signature!.slice(0, -1)}`,
      `${issuedAt}.${nonce}`,
      '',
      'garbage',
      '..',
    ]) {
      expect(checkFormToken(token, 3, NOW), token).toEqual({ ok: false, nonce: null, reason: 'forged' });
    }
  });
});
