import 'server-only';
import { headers } from 'next/headers';

/**
 * The client's IP and user agent, for moderation. X-Forwarded-For is only believed behind a proxy
 * we trust (TRUST_PROXY=1), since any client can send it.
 */
export async function requestMeta(): Promise<{ ip: string; userAgent: string }> {
  const h = await headers();
  const forwarded = process.env.TRUST_PROXY === '1' ? h.get('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
  const ip = forwarded || h.get('x-real-ip') || 'unknown';
  return { ip, userAgent: h.get('user-agent') ?? '' };
}
