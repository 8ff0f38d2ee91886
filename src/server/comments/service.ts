import 'server-only';
import type { CommentInput } from '@/lib/schemas/comment';
import { db } from '@/server/db';
import { PublicError } from '@/server/errors';
import { initialStatusFor } from '@/server/moderation/policy';
import { commentsAreOpen, getSettings } from '@/server/moderation/settings';
import { COMMENTS_PER_PAGE } from './queries';

export interface CommentMeta {
  ip: string;
  userAgent: string;
}

/** Stores a visitor's comment and says where it is shown. Throws PublicError for what the visitor can fix. */
export async function createComment(input: CommentInput, meta: CommentMeta) {
  const post = await db.post.findFirst({
    where: { id: input.postId, publishedAt: { not: null, lte: new Date() } },
    select: { id: true, slug: true, commentsOpen: true, publishedAt: true },
  });
  if (!post) throw new PublicError('This article could not be found.');
  const settings = await getSettings();
  if (!commentsAreOpen(post, settings)) throw new PublicError('Comments are closed.');

  const status = await initialStatusFor({ ...input, ip: meta.ip }, settings);
  const comment = await db.comment.create({
    data: {
      postId: post.id,
      authorName: input.authorName,
      authorEmail: input.authorEmail,
      authorUrl: input.authorUrl,
      body: input.body,
      status,
      ip: meta.ip.slice(0, 45),
      userAgent: meta.userAgent.slice(0, 512),
    },
    select: { id: true, status: true },
  });
  // New comments are the newest, so they sit on the last page of the thread (pending ones follow it).
  const approvedCount = await db.comment.count({ where: { postId: post.id, status: 'APPROVED' } });
  const lastPage = Math.max(1, Math.ceil(approvedCount / COMMENTS_PER_PAGE));
  const page = lastPage > 1 ? `?cpage=${lastPage}` : '';
  return { ...comment, location: `/posts/${post.slug}${page}#comment-${comment.id}` };
}
