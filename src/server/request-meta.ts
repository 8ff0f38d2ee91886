import 'server-only';
import { headers } from 'next/headers';

/**
 * The client's IP and user agent. scripts/server.ts sets X-Forwarded-For to the socket address
 * unless TRUST_PROXY=1; behind a trusted proxy the last entry is the one that proxy appended
 * (earlier entries come from the client and prove nothing).
 */
export function clientIp(forwardedFor: string | null | undefined): string {
  const last = forwardedFor?.split(',').at(-1)?.trim();
  return last ? last.replace(/^::ffff:/, '').slice(0, 45) : 'unknown';
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
