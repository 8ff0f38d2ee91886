import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { SESSION_COOKIE } from '@/lib/public-pages';
import { db } from '@/server/db';
import { env } from '@/server/env';
import { clientIp } from '@/server/request-meta';
import { verifyAdminLogin } from './login';

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
 * JWT sessions (the Credentials provider supports no other kind in next-auth 4). A JWT cannot be
 * revoked by itself, so each carries the admin's `sessionVersion`; requireAdmin() compares it with
 * PostgreSQL on every request, and sign-out or a password change bumps it.
 */
export function authOptions(): NextAuthOptions {
  return {
    secret: env.AUTH_SECRET,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    cookies: { sessionToken: sessionCookie() },
    pages: { signIn: '/admin/login', error: '/admin/login' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(credentials, request) {
          const result = await verifyAdminLogin(credentials, clientIp(String(request.headers?.['x-forwarded-for'] ?? '')));
          if (!result.ok) throw new Error(result.reason === 'locked' ? 'locked' : 'CredentialsSignin');
          return { id: String(result.admin.id), email: result.admin.email, name: result.admin.name, sessionVersion: result.admin.sessionVersion };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sessionVersion = user.sessionVersion;
        return token;
      },
      session({ session, token }) {
        return { ...session, adminId: Number(token.sub), sessionVersion: Number(token.sessionVersion ?? -1) };
      },
    },
    events: {
      // next-auth's own sign-out endpoint ends every session of that admin too.
      async signOut({ token }) {
        if (token?.sub) await db.adminUser.updateMany({ where: { id: Number(token.sub) }, data: { sessionVersion: { increment: 1 } } });
      },
    },
  };
}
