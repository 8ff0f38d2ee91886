import 'server-only';
import { cache } from 'react';
import { getServerSession } from 'next-auth';
import { encode } from 'next-auth/jwt';
import { cookies, headers } from 'next/headers';
import { connection } from 'next/server';
import { redirect, unauthorized } from 'next/navigation';
import { db } from '@/server/db';
import { env } from '@/server/env';
import { authOptions, sessionCookie, SESSION_MAX_AGE_SECONDS } from './options';

export interface Admin {
  id: number;
  email: string;
  name: string;
}

/**
 * The signed-in admin, or null. The token's signature and expiry are checked by next-auth, and its
 * session version against PostgreSQL, so a token from before a sign-out is refused.
 */
export const getAdmin = cache(async (): Promise<Admin | null> => {
  // Per request, always: never prerendered at build time (when no secret or database exists).
  await connection();
  const session = await getServerSession(authOptions());
  if (!session?.adminId || !Number.isSafeInteger(session.adminId)) return null;
  const admin = await db.adminUser.findUnique({
    where: { id: session.adminId },
    select: { id: true, email: true, name: true, sessionVersion: true },
  });
  if (!admin || admin.sessionVersion !== session.sessionVersion) return null;
  return { id: admin.id, email: admin.email, name: admin.name };
});

/**
 * For server actions and route handlers: without a valid session nothing changes. A script's call
 * (the `Next-Action` request) gets 401; a form posted without JavaScript is sent to sign in (303).
 */
export async function requireAdmin(): Promise<Admin> {
  const admin = await getAdmin();
  if (admin) return admin;
  if (!(await headers()).has('next-action')) redirect('/admin/login');
  unauthorized();
}

/** For admin pages: without a valid session, go to the sign-in page. */
export async function requireAdminPage(): Promise<Admin> {
  const admin = await getAdmin();
  if (!admin) redirect('/admin/login');
  return admin;
}

/** Issues next-auth's session cookie for an admin whose credentials were just verified. */
export async function startSession(admin: Admin & { sessionVersion: number }): Promise<void> {
  const token = await encode({
    secret: env.AUTH_SECRET,
    maxAge: SESSION_MAX_AGE_SECONDS,
    token: { sub: String(admin.id), email: admin.email, name: admin.name, sessionVersion: admin.sessionVersion },
  });
  const { name, options } = sessionCookie();
  (await cookies()).set(name, token, { ...options, maxAge: SESSION_MAX_AGE_SECONDS });
}

/** Ends every session of this admin (all browsers), then drops this browser's cookie. */
export async function endSessions(adminId: number): Promise<void> {
  await db.adminUser.update({ where: { id: adminId }, data: { sessionVersion: { increment: 1 } } });
  (await cookies()).delete(sessionCookie().name);
}
