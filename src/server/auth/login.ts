import 'server-only';
import { db } from '@/server/db';
import { limitPasswordCheck } from '@/server/rate-limit';
import { verifyPassword } from './password';

export type LoginResult =
  { ok: true; admin: { id: number; email: string; name: string; sessionVersion: number } } | { ok: false; reason: 'invalid' | 'locked' };

/**
 * The one place credentials are checked, within the sign-in limits. Every failure looks the same,
 * and an unknown email costs the same hashing work and the same allowance.
 */
export async function verifyAdminLogin({ email, password }: { email: string; password: string }, ip: string): Promise<LoginResult> {
  const admin = await db.adminUser.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, sessionVersion: true, passwordHash: true },
  });
  const check = await limitPasswordCheck(ip, email, () => verifyPassword(admin?.passwordHash, password));
  if (check === 'locked') return { ok: false, reason: 'locked' };
  if (check !== 'ok' || !admin) return { ok: false, reason: 'invalid' };
  const { passwordHash: _hash, ...safe } = admin;
  return { ok: true, admin: safe };
}
