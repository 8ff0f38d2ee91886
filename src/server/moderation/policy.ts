import 'server-only';
import type { CommentStatus } from '@/generated/prisma/enums';
import type { CommentInput } from '@/lib/schemas/comment';
import { db } from '@/server/db';

/**
 * WordPress's default: a comment is held for moderation unless the same name and email already
 * have an approved comment ("comment author must have a previously approved comment").
 */
export async function initialStatusFor(input: Pick<CommentInput, 'authorName' | 'authorEmail'>): Promise<CommentStatus> {
  const approvedBefore = await db.comment.findFirst({
    where: { authorEmail: input.authorEmail, authorName: input.authorName, status: 'APPROVED' },
    select: { id: true },
  });
  return approvedBefore ? 'APPROVED' : 'PENDING';
}
