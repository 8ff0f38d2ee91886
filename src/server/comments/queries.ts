import 'server-only';
import { pageCountOf } from '@/lib/public-pages';
import { db } from '@/server/db';

/** Threads (a first comment and all its replies) per comment page: a thread is never split across pages. */
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
  rootId: true,
  depth: true,
} as const;

/** A post's approved comments, and how many of them start a thread (what comment pages count), in one read. */
export async function countApprovedThreads(postId: number): Promise<{ comments: number; threads: number }> {
  const [row] = await db.$queryRaw<{ comments: bigint; threads: bigint }[]>`
    SELECT count(*) AS comments, count(*) FILTER (WHERE "rootId" IS NULL) AS threads
    FROM "Comment" WHERE "postId" = ${postId} AND status = 'APPROVED'`;
  return { comments: Number(row?.comments ?? 0), threads: Number(row?.threads ?? 0) };
}

export function threadPageCount(threads: number): number {
  return pageCountOf(threads, COMMENTS_PER_PAGE);
}

/**
 * One page of a post's approved threads, oldest first (page 1 holds the first threads): the first
 * comments of the page, then every approved reply in their threads. Two indexed reads, whatever the shape.
 */
export async function listApprovedThreads(postId: number, page: number) {
  const roots = await db.comment.findMany({
    where: { postId, status: 'APPROVED', rootId: null },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    skip: (page - 1) * COMMENTS_PER_PAGE,
    take: COMMENTS_PER_PAGE,
    select: publicCommentSelect,
  });
  if (roots.length === 0) return { roots, replies: [] };
  const replies = await db.comment.findMany({
    where: { rootId: { in: roots.map((root) => root.id) }, status: 'APPROVED' },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: publicCommentSelect,
  });
  return { roots, replies };
}

/** The comment a visitor replies to, if it may be replied to on this post: approved, and a name to show. */
export async function findReplyTarget(postId: number, id: number) {
  return db.comment.findFirst({ where: { id, postId, status: 'APPROVED' }, select: { id: true, authorName: true, depth: true } });
}

/**
 * Where a comment is shown: its post and the comment page of its thread. Only approved comments
 * (and the thread's first comment must be approved too), so a link cannot reveal a held one.
 */
export async function locateComment(id: number): Promise<{ slug: string; page: number; id: number } | null> {
  const comment = await db.comment.findFirst({
    where: { id, status: 'APPROVED', post: { publishedAt: { not: null, lte: new Date() } } },
    select: { id: true, postId: true, rootId: true, createdAt: true, post: { select: { slug: true } } },
  });
  if (!comment) return null;
  const root =
    comment.rootId === null
      ? comment
      : await db.comment.findFirst({ where: { id: comment.rootId, status: 'APPROVED' }, select: { id: true, createdAt: true } });
  if (!root) return null;
  return { slug: comment.post.slug, page: pageCountOf(await threadPosition(comment.postId, root.id), COMMENTS_PER_PAGE), id: comment.id };
}

/**
 * Where a thread stands among the post's approved threads, oldest first, from 1: for an existing
 * thread (its first comment's id), its own place; for a new one (null), the place after the last.
 * The thread's comment page is pageCountOf(position, COMMENTS_PER_PAGE). One read either way.
 */
export async function threadPosition(postId: number, rootId: number | null): Promise<number> {
  if (rootId === null) return (await countApprovedThreads(postId)).threads + 1;
  const [row] = await db.$queryRaw<{ before: bigint }[]>`
    SELECT count(*) AS before FROM "Comment" c JOIN "Comment" root ON root.id = ${rootId}
    WHERE c."postId" = ${postId} AND c.status = 'APPROVED' AND c."rootId" IS NULL
      AND (c."createdAt", c.id) < (root."createdAt", root.id)`;
  return Number(row?.before ?? 0) + 1;
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

export type PublicComment = Awaited<ReturnType<typeof listApprovedThreads>>['roots'][number];
