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
