import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { env } from '@/server/env';

/**
 * HMAC-SHA256 under AUTH_SECRET, base64url. `purpose` keeps the kinds apart: a signature made for
 * one (a form token) is never valid for another (the pending-comments cookie).
 */
export function sign(purpose: string, payload: string): string {
  return createHmac('sha256', env.AUTH_SECRET).update(`${purpose}:${payload}`).digest('base64url');
}

/** True when `signature` is sign(purpose, payload), compared in constant time. */
export function verify(purpose: string, payload: string, signature: string): boolean {
  const expected = Buffer.from(sign(purpose, payload));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
