import 'server-only';
import { db } from '@/server/db';

export const COMMENTS_PER_PAGE = 50;

/**
 * The only fields a reader may see. The email, IP and user agent are left out here, in the query,
 * so they cannot reach HTML, the RSC payload or any JSON by accident.
 */
export const publicCommentSelect = {
  id: true,
  authorName: true,
  authorUrl: true,
  body: true,
  createdAt: true,
  status: true,
  isAdminReply: true,
  parentId: true,
} as const;

export async function countApprovedComments(postId: number): Promise<number> {
  return db.comment.count({ where: { postId, status: 'APPROVED' } });
}

/** One page of a post's approved comments, oldest first (page 1 holds the first comments). */
export async function listApprovedComments(postId: number, page: number) {
  return db.comment.findMany({
    where: { postId, status: 'APPROVED' },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    skip: (page - 1) * COMMENTS_PER_PAGE,
    take: COMMENTS_PER_PAGE,
    select: publicCommentSelect,
  });
}

/** The visitor's own comments still awaiting moderation (ids come from their signed cookie). */
export async function listVisitorPendingComments(postId: number, ids: number[]) {
  if (ids.length === 0) return [];
  return db.comment.findMany({
    where: { postId, id: { in: ids }, status: 'PENDING' },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: publicCommentSelect,
  });
}

export type PublicComment = Awaited<ReturnType<typeof listApprovedComments>>[number];
