import 'server-only';
import { cookies } from 'next/headers';
import { PENDING_COMMENTS_COOKIE } from '@/lib/public-pages';
import { sign, verify } from '@/server/signing';
import { env } from '@/server/env';

/**
 * The ids of comments this browser wrote that await moderation, so only their author sees them.
 * Signed (HMAC) so a visitor cannot read someone else's pending comment by editing the cookie,
 * and httpOnly so scripts cannot read it. It holds ids only, never the email.
 */
const COOKIE = PENDING_COMMENTS_COOKIE;
const MAX_IDS = 20;

const PURPOSE = 'pending-comments';

export function encodePendingIds(ids: number[]): string {
  const payload = ids.join('-');
  return `${payload}.${sign(PURPOSE, payload)}`;
}

export function decodePendingIds(value: string | undefined): number[] {
  if (!value) return [];
  const [payload, signature] = value.split('.');
  if (payload === undefined || !signature) return [];
  if (!verify(PURPOSE, payload, signature)) return [];
  return payload
    .split('-')
    .map(Number)
    .filter((id) => Number.isSafeInteger(id) && id > 0);
}

export async function readPendingIds(): Promise<number[]> {
  return decodePendingIds((await cookies()).get(COOKIE)?.value);
}

export async function rememberPendingComment(id: number): Promise<void> {
  const ids = [...(await readPendingIds()).filter((known) => known !== id), id].slice(-MAX_IDS);
  (await cookies()).set(COOKIE, encodePendingIds(ids), {
    httpOnly: true,
    sameSite: 'lax',
    secure: env.SITE_URL.startsWith('https://'),
    path: '/',
    maxAge: 60 * 60 * 24 * 30,
  });
}
