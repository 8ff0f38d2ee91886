import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import type { CommentStatus } from '@/generated/prisma/enums';
import { VIEW_NAMES, VIEWS, type ViewName } from '@/lib/moderation';
import type { CommentListQuery } from '@/lib/schemas/moderation';
import { db } from '@/server/db';
import { pageCountOf } from '@/lib/public-pages';

export const ADMIN_PAGE_SIZE = 20;

export function filters(query: Pick<CommentListQuery, 'post' | 'q'>): Prisma.CommentWhereInput {
  const where: Prisma.CommentWhereInput = {};
  if (query.post) where.postId = query.post;
  if (query.q) {
    const contains = { contains: query.q, mode: 'insensitive' } as const;
    where.OR = [{ authorName: contains }, { authorEmail: contains }, { authorUrl: contains }, { body: contains }, { ip: contains }];
  }
  return where;
}

/** Admin-only: includes the email, IP and user agent. */
export async function listCommentsForAdmin(query: CommentListQuery) {
  const where = { ...filters(query), status: { in: [...VIEWS[query.status].statuses] } };
  // One snapshot: a post deleted between Prisma's queries must not leave a comment without its post.
  const [comments, total] = await db.$transaction(
    [
      db.comment.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (query.page - 1) * ADMIN_PAGE_SIZE,
        take: ADMIN_PAGE_SIZE,
        select: {
          id: true,
          authorName: true,
          authorEmail: true,
          authorUrl: true,
          body: true,
          status: true,
          ip: true,
          userAgent: true,
          createdAt: true,
          version: true,
          isAdminReply: true,
          parentId: true,
          post: { select: { id: true, slug: true, title: true } },
        },
      }),
      db.comment.count({ where }),
    ],
    { isolationLevel: 'RepeatableRead' },
  );
  return { comments, pageCount: pageCountOf(total, ADMIN_PAGE_SIZE) };
}

export type AdminComment = Awaited<ReturnType<typeof listCommentsForAdmin>>['comments'][number];

/** Live counts for the view tabs, under the same post and search filters. */
export async function countCommentsByStatus(query: Pick<CommentListQuery, 'post' | 'q'>): Promise<Record<ViewName, number>> {
  const rows = await db.comment.groupBy({ by: ['status'], where: filters(query), _count: { _all: true } });
  const count = (status: CommentStatus) => rows.find((r) => r.status === status)?._count._all ?? 0;
  const viewCount = (view: ViewName) => VIEWS[view].statuses.reduce((sum, status) => sum + count(status), 0);
  return Object.fromEntries(VIEW_NAMES.map((view) => [view, viewCount(view)])) as Record<ViewName, number>;
}

export async function getCommentForEdit(id: number) {
  return db.comment.findUnique({
    where: { id },
    select: { id: true, authorName: true, authorEmail: true, authorUrl: true, body: true, status: true, version: true, post: { select: { title: true } } },
  });
}

export async function listPostsForAdmin() {
  return db.post.findMany({
    orderBy: [{ publishedAt: { sort: 'desc', nulls: 'first' } }, { id: 'desc' }],
    select: { id: true, slug: true, title: true, publishedAt: true, commentsOpen: true },
  });
}

export const AUDIT_PAGE_SIZE = 50;

export async function listAuditLog(page: number) {
  const [entries, total] = await Promise.all([
    db.auditLog.findMany({
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: { id: true, adminEmail: true, action: true, commentId: true, postId: true, fromStatus: true, toStatus: true, detail: true, createdAt: true },
    }),
    db.auditLog.count(),
  ]);
  return { entries, pageCount: pageCountOf(total, AUDIT_PAGE_SIZE) };
}
