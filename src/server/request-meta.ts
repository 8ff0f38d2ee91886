import 'server-only';
import { isIP } from 'node:net';
import { headers } from 'next/headers';

/**
 * The client's IP. scripts/server.ts makes the socket address the last X-Forwarded-For entry unless
 * TRUST_PROXY=1; behind a trusted proxy the last entry is the one that proxy appended (earlier entries
 * come from the client and prove nothing). Only a valid address is taken, walking from the right:
 * the header is text anyone can type, and it is stored and shown to admins (pen test, issue #9).
 */
export function clientIp(forwardedFor: string | null | undefined): string {
  const entries = (forwardedFor ?? '').split(',').map((entry) => entry.trim().replace(/^::ffff:(?=\d+\.)/i, ''));
  // 45 characters: the column, and the longest address without an IPv6 zone id.
  return entries.findLast((entry) => entry.length <= 45 && isIP(entry) !== 0) ?? 'unknown';
}

export async function requestMeta(): Promise<{ ip: string; userAgent: string }> {
  const h = await headers();
  return { ip: clientIp(h.get('x-forwarded-for')), userAgent: (h.get('user-agent') ?? '').slice(0, 512) };
}

/**
 * True while Next.js renders a page to show a form's answer: a form posted without JavaScript to its
 * page's URL (a server action) gets that page back, rendered within the same request.
 */
export async function isFormPostback(): Promise<boolean> {
  return ((await headers()).get('content-type') ?? '').startsWith('multipart/form-data');
}
