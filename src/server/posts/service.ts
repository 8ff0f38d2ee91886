import 'server-only';
import type { Admin } from '@/server/auth/session';
import { db } from '@/server/db';
import { PublicError } from '@/server/errors';

/** Opens or closes a post's comments, with its audit entry: both or neither. */
export async function setCommentsOpen(admin: Admin, postId: number, open: boolean): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.post.updateMany({ where: { id: postId }, data: { commentsOpen: open } });
    if (count === 0) throw new PublicError('That post does not exist.');
    await tx.auditLog.create({ data: { adminId: admin.id, adminEmail: admin.email, action: open ? 'openComments' : 'closeComments', postId } });
  });
}
