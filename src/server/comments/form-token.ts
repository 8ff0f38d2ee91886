import 'server-only';
import { randomBytes } from 'node:crypto';
import { sign, verify } from '@/server/signing';

/**
 * Each rendered comment form carries `issuedAt.nonce.signature`. The time tells how fast the form
 * came back (bots are instant); the nonce makes a resubmission of the same form recognisable
 * (double click, retry), so it stores one comment.
 */
const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

const PURPOSE = 'comment-form';

export function issueFormToken(now = Date.now()): string {
  const payload = `${now}.${randomBytes(12).toString('base64url')}`;
  return `${payload}.${sign(PURPOSE, payload)}`;
}

export type TokenVerdict = { ok: true; nonce: string } | { ok: false; nonce: string | null; reason: 'forged' | 'expired' | 'too-fast' };

export function checkFormToken(token: string, minFillSeconds: number, now = Date.now()): TokenVerdict {
  const [issuedAt, nonce, signature] = token.split('.');
  if (!issuedAt || !nonce || !signature) return { ok: false, nonce: null, reason: 'forged' };
  if (!verify(PURPOSE, `${issuedAt}.${nonce}`, signature)) return { ok: false, nonce: null, reason: 'forged' };
  const age = now - Number(issuedAt);
  if (!Number.isFinite(age) || age > MAX_AGE_MS || age < -60_000) return { ok: false, nonce, reason: 'expired' };
  if (age < minFillSeconds * 1000) return { ok: false, nonce, reason: 'too-fast' };
  return { ok: true, nonce };
}
