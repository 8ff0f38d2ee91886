import 'server-only';
import { loginSchema } from '@/lib/schemas/admin';
import { db } from '@/server/db';
import { isExhausted, loginFailuresByAccount, loginFailuresByIp, recordFailure } from '@/server/rate-limit';
import { verifyPassword } from './password';

export type LoginResult =
  | { ok: true; admin: { id: number; email: string; name: string; sessionVersion: number } }
  | { ok: false; reason: 'invalid' | 'locked' };

/**
 * The one place credentials are checked (the sign-in form and next-auth's Credentials provider
 * both call it). Every failure looks the same, and an unknown email costs the same hashing work.
 */
export async function verifyAdminLogin(credentials: unknown, ip: string): Promise<LoginResult> {
  const parsed = loginSchema.safeParse(credentials);
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  const { email, password } = parsed.data;
  const [ipLimit, accountLimit] = [loginFailuresByIp(), loginFailuresByAccount()];

  const locked = (await Promise.all([isExhausted(ipLimit, ip), isExhausted(accountLimit, email)])).some(Boolean);
  if (locked) return { ok: false, reason: 'locked' };

  const admin = await db.adminUser.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, sessionVersion: true, passwordHash: true },
  });
  const valid = await verifyPassword(admin?.passwordHash, password);
  if (!admin || !valid) {
    await Promise.all([recordFailure(ipLimit, ip), recordFailure(accountLimit, email)]);
    return { ok: false, reason: 'invalid' };
  }
  await accountLimit.delete(email);
  const { passwordHash: _hash, ...safe } = admin;
  return { ok: true, admin: safe };
}
