import 'server-only';
import { db } from '@/server/db';
import { limitPasswordCheck } from '@/server/rate-limit';
import { hashPassword, verifyPassword } from './password';

export type PasswordChange = { ok: true; sessionVersion: number } | { ok: false; reason: 'invalid' | 'locked' };

/**
 * Sets a new password once the current one is confirmed, and ends every session (the caller starts
 * a fresh one). The current password is checked within the sign-in limits, shared with signing in:
 * a stolen session must not be a way to guess it.
 */
export async function changeAdminPassword(
  admin: { id: number; email: string },
  input: { currentPassword: string; newPassword: string },
  ip: string,
): Promise<PasswordChange> {
  const current = await db.adminUser.findUniqueOrThrow({ where: { id: admin.id }, select: { passwordHash: true } });
  const check = await limitPasswordCheck(ip, admin.email, () => verifyPassword(current.passwordHash, input.currentPassword));
  if (check !== 'ok') return { ok: false, reason: check };
  const passwordHash = await hashPassword(input.newPassword);
  // The new password, the end of every session and the audit entry: all or nothing.
  const [updated] = await db.$transaction([
    db.adminUser.update({ where: { id: admin.id }, data: { passwordHash, sessionVersion: { increment: 1 } }, select: { sessionVersion: true } }),
    db.auditLog.create({ data: { adminId: admin.id, adminEmail: admin.email, action: 'changePassword' } }),
  ]);
  return { ok: true, sessionVersion: updated.sessionVersion };
}
