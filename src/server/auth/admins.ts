import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '@/generated/prisma/client';
import { adminEmailSchema, newPasswordSchema } from '@/lib/schemas/admin';
import { hashPassword } from './password';

/**
 * Creates the admin, or sets a new password for an existing one (which also ends their sessions).
 * Used by `npm run admin:create` and by ADMIN_EMAIL/ADMIN_PASSWORD on start.
 */
export async function upsertAdmin(db: PrismaClient, input: { email: string; password: string; name?: string }): Promise<'created' | 'updated'> {
  const email = adminEmailSchema.parse(input.email);
  const password = newPasswordSchema.parse(input.password);
  const passwordHash = await hashPassword(password);
  const existing = await db.adminUser.findUnique({ where: { email }, select: { id: true } });
  if (existing) {
    await db.adminUser.update({
      where: { id: existing.id },
      data: { passwordHash, sessionVersion: { increment: 1 }, ...(input.name ? { name: input.name } : {}) },
    });
    return 'updated';
  }
  await db.adminUser.create({ data: { email, passwordHash, name: input.name ?? email.split('@')[0]! } });
  return 'created';
}

/** A password a newcomer can copy from the console: 24 characters of base64url (144 bits). */
export function randomPassword(): string {
  return randomBytes(18).toString('base64url');
}
