import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import type { CommentStatus } from '@/generated/prisma/enums';
import { BIN_STATUSES, CONFLICT_MESSAGE, isLive, MODERATION, type ModerationAction } from '@/lib/moderation';
import { db } from '@/server/db';
import type { Admin } from '@/server/auth/session';
import { dedupeKeyFor } from '@/server/comments/service';
import { PublicError } from '@/server/errors';
import { filters } from './queries';

// Prisma waits only 2 s for a connection to start a transaction, less than the pool's 5 s: under a
// burst of admin actions that gave up too early.
const TRANSACTION_LIMITS = { maxWait: 5_000, timeout: 10_000 };

interface Changed {
  id: number;
  postId: number;
  fromStatus: CommentStatus;
}

/**
 * Applies an action to the given comments in one transaction. Rows are locked and filtered by the
 * statuses the action applies to (and, for a single comment, by the version the admin saw), so two
 * admins acting at once cannot both win; the loser's rows are simply not in the result.
 */
async function transition(admin: Admin, action: ModerationAction, ids: number[], expectedVersion?: number): Promise<Changed[]> {
  const { from, to } = MODERATION[action];
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<Changed[]>`
      SELECT id, "postId", status::text AS "fromStatus" FROM "Comment"
      WHERE id = ANY(${ids}::int[]) AND status::text = ANY(${from}::text[])
        AND (${expectedVersion ?? null}::int IS NULL OR version = ${expectedVersion ?? null}::int)
      ORDER BY id FOR UPDATE`;
    const lockedIds = locked.map((row) => row.id);
    if (lockedIds.length === 0) return [];
    if (to === null) {
      await rethreadChildren(tx, lockedIds);
      await tx.comment.deleteMany({ where: { id: { in: lockedIds } } });
    } else {
      await tx.comment.updateMany({
        where: { id: { in: lockedIds } },
        // WordPress's duplicate rule ignores the trash: a comment there holds no duplicate key.
        data: { status: to, version: { increment: 1 }, statusChangedAt: new Date(), ...(to === 'TRASH' && { dedupeKey: null }) },
      });
      const restored = locked.filter((row) => row.fromStatus === 'TRASH').map((row) => row.id);
      if (restored.length > 0) await reclaimDedupeKeys(tx, restored);
    }
    await tx.auditLog.createMany({
      data: locked.map((row) => ({
        adminId: admin.id,
        adminEmail: admin.email,
        action,
        commentId: row.id,
        postId: row.postId,
        fromStatus: row.fromStatus,
        toStatus: to,
      })),
    });
    return locked;
  }, TRANSACTION_LIMITS);
}

/**
 * Replies to comments deleted for good move up to what those answered, as WordPress does: a thread
 * loses the comment, not its replies. A reply whose thread's first comment goes starts a thread of its
 * own, and every comment below it is renumbered (first comment, depth) in one statement.
 */
async function rethreadChildren(tx: Prisma.TransactionClient, deletedIds: number[]): Promise<void> {
  // Deepest first, so a reply under a chain of deleted comments ends under the nearest one kept.
  const parents = await tx.$queryRaw<{ id: number; parentId: number | null }[]>`
    SELECT d.id, d."parentId" FROM "Comment" d
    WHERE d.id = ANY(${deletedIds}::int[]) AND EXISTS (SELECT 1 FROM "Comment" c WHERE c."parentId" = d.id)
    ORDER BY d.depth DESC`;
  if (parents.length === 0) return;
  for (const deleted of parents) await tx.comment.updateMany({ where: { parentId: deleted.id }, data: { parentId: deleted.parentId } });
  await tx.$executeRaw`
    WITH RECURSIVE tree AS (
      SELECT id, id AS root, 0 AS depth FROM "Comment"
      WHERE "parentId" IS NULL AND "postId" IN (SELECT "postId" FROM "Comment" WHERE id = ANY(${deletedIds}::int[]))
      UNION ALL
      SELECT c.id, tree.root, tree.depth + 1 FROM "Comment" c JOIN tree ON c."parentId" = tree.id
    )
    UPDATE "Comment" c SET "rootId" = NULLIF(tree.root, c.id), depth = tree.depth
    FROM tree WHERE c.id = tree.id AND NOT (c.id = ANY(${deletedIds}::int[]))
      AND (c."rootId" IS DISTINCT FROM NULLIF(tree.root, c.id) OR c.depth <> tree.depth)`;
}

/**
 * Comments back from the trash take their duplicate key again, unless the same comment was posted
 * meanwhile and holds it (then both stay: the admin chose to keep this one).
 */
async function reclaimDedupeKeys(tx: Prisma.TransactionClient, ids: number[]): Promise<void> {
  const rows = await tx.comment.findMany({
    where: { id: { in: ids } },
    select: { id: true, postId: true, authorEmail: true, body: true },
    orderBy: { id: 'asc' },
  });
  for (const row of rows) {
    const key = dedupeKeyFor(row.postId, row.authorEmail, row.body);
    await tx.$executeRaw`UPDATE "Comment" SET "dedupeKey" = ${key} WHERE id = ${row.id} AND NOT EXISTS (SELECT 1 FROM "Comment" WHERE "dedupeKey" = ${key})`;
  }
}

export async function moderateOne(admin: Admin, action: ModerationAction, id: number, version: number): Promise<Changed> {
  const [changed] = await transition(admin, action, [id], version);
  if (!changed) throw new PublicError(CONFLICT_MESSAGE);
  return changed;
}

export async function moderateMany(admin: Admin, action: ModerationAction, ids: number[]): Promise<{ changed: Changed[]; skipped: number }> {
  const unique = [...new Set(ids)];
  const changed = await transition(admin, action, unique);
  return { changed, skipped: unique.length - changed.length };
}

export async function emptyBin(admin: Admin, bin: { status: (typeof BIN_STATUSES)[number]; post?: number; q?: string; shownAt: Date }): Promise<number> {
  const ids = await db.comment.findMany({
    where: { ...filters(bin), status: bin.status, statusChangedAt: { lte: bin.shownAt } },
    select: { id: true },
  });
  if (ids.length === 0) return 0;
  const { changed } = await moderateMany(
    admin,
    'delete',
    ids.map((c) => c.id),
  );
  return changed.length;
}

export async function editComment(
  admin: Admin,
  input: { id: number; version: number; authorName: string; authorEmail: string; authorUrl: string | null; body: string },
): Promise<{ postId: number }> {
  const { id, version, ...fields } = input;
  return db.$transaction(async (tx) => {
    const updated = await tx.comment.updateManyAndReturn({
      where: { id, version },
      data: { ...fields, version: { increment: 1 } },
      select: { postId: true, status: true },
    });
    const row = updated[0];
    if (!row) throw new PublicError(CONFLICT_MESSAGE);
    await tx.auditLog.create({
      data: { adminId: admin.id, adminEmail: admin.email, action: 'edit', commentId: id, postId: row.postId, fromStatus: row.status, toStatus: row.status },
    });
    return { postId: row.postId };
  }, TRANSACTION_LIMITS);
}

/**
 * The admin's reply is published at once and marked as the site's. Replying to a held comment
 * approves it too, as WordPress's "Approve and Reply" does: a reply to something invisible makes no sense.
 */
export async function replyToComment(admin: Admin, input: { parentId: number; body: string }, meta: { ip: string; userAgent: string }) {
  const parent = await db.comment.findUnique({
    where: { id: input.parentId },
    select: { id: true, postId: true, status: true, version: true, rootId: true, depth: true },
  });
  if (!parent || !isLive(parent.status)) {
    throw new PublicError('You can only reply to a pending or approved comment.');
  }
  if (parent.status === 'PENDING') await moderateOne(admin, 'approve', parent.id, parent.version);
  return db.$transaction(async (tx) => {
    const reply = await tx.comment.create({
      data: {
        postId: parent.postId,
        parentId: parent.id,
        // Nested under what it answers; deeper than the settings allow, it is shown at the deepest level.
        rootId: parent.rootId ?? parent.id,
        depth: parent.depth + 1,
        authorName: admin.name,
        authorEmail: admin.email,
        body: input.body,
        status: 'APPROVED',
        isAdminReply: true,
        ip: meta.ip.slice(0, 45),
        userAgent: meta.userAgent.slice(0, 512),
      },
      select: { id: true, postId: true },
    });
    await tx.auditLog.create({
      data: {
        adminId: admin.id,
        adminEmail: admin.email,
        action: 'reply',
        commentId: reply.id,
        postId: reply.postId,
        toStatus: 'APPROVED',
        detail: `In reply to comment ${parent.id}`,
      },
    });
    return reply;
  }, TRANSACTION_LIMITS);
}

/** Spam and trash older than the configured number of days are deleted for good. */
export async function purgeOldBins(purgeAfterDays: number): Promise<number> {
  const before = new Date(Date.now() - purgeAfterDays * 86_400_000);
  const count = await db.$transaction(async (tx) => {
    const expired = await tx.comment.findMany({ where: { status: { in: [...BIN_STATUSES] }, statusChangedAt: { lt: before } }, select: { id: true } });
    const ids = expired.map((comment) => comment.id);
    if (ids.length === 0) return 0;
    await rethreadChildren(tx, ids);
    return (await tx.comment.deleteMany({ where: { id: { in: ids } } })).count;
  }, TRANSACTION_LIMITS);
  if (count > 0) {
    await db.auditLog.create({
      data: { adminEmail: 'system', action: 'purge', detail: `${count} spam/trash comment(s) older than ${purgeAfterDays} days deleted` },
    });
  }
  return count;
}
