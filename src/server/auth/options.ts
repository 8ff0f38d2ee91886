import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import { SESSION_COOKIE } from '@/lib/public-pages';
import { env } from '@/server/env';

/** Admin sessions last a working day, not next-auth's 30-day default. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export function sessionCookie() {
  const secure = env.SITE_URL.startsWith('https://');
  return {
    name: secure ? `__Secure-${SESSION_COOKIE}` : SESSION_COOKIE,
    options: { httpOnly: true, sameSite: 'lax' as const, path: '/', secure },
  };
}

/**
 * next-auth's JWT sessions, issued by startSession() after the sign-in form's check (the one way to
 * sign in: next-auth's own /api/auth routes, and with them its Credentials provider, are not mounted).
 * A JWT cannot be revoked by itself, so each carries the admin's `sessionVersion`; requireAdmin()
 * compares it with PostgreSQL on every request, and sign-out or a password change bumps it.
 */
export function authOptions(): NextAuthOptions {
  return {
    secret: env.AUTH_SECRET,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    cookies: { sessionToken: sessionCookie() },
    providers: [],
    callbacks: {
      session({ session, token }) {
        return { ...session, adminId: Number(token.sub), sessionVersion: Number(token.sessionVersion ?? -1) };
      },
    },
  };
}
