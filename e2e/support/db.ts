import pg from 'pg';

/** Straight SQL on the run's database (see scripts/with-test-db.ts), for fixtures and for checks the UI cannot show. */
export function connect(): pg.Pool {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is not set: run the suite with `npm run test:e2e`.');
  return new pg.Pool({ connectionString, max: 3 });
}

export type CommentStatus = 'PENDING' | 'APPROVED' | 'SPAM' | 'TRASH';

export interface TestPost {
  id: number;
  slug: string;
  title: string;
  path: string;
}

export interface NewPost {
  slug: string;
  title: string;
  publishedAt: Date;
  commentsOpen?: boolean;
}

export async function insertPost(db: pg.Pool, post: NewPost): Promise<TestPost> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO "Post" (slug, title, dateline, excerpt, body, "publishedAt", "commentsOpen", "updatedAt")
     VALUES ($1, $2, 'E2E DESK', $3, $4, $5, $6, now()) RETURNING id`,
    [post.slug, post.title, `Excerpt of ${post.title}.`, `First paragraph of ${post.title}.\n\nSecond paragraph.`, post.publishedAt, post.commentsOpen ?? true],
  );
  return { id: rows[0]!.id, slug: post.slug, title: post.title, path: `/posts/${post.slug}` };
}

/** Comments cascade with their post. */
export async function deletePosts(db: pg.Pool, ids: number[]): Promise<void> {
  if (ids.length) await db.query('DELETE FROM "Post" WHERE id = ANY($1::int[])', [ids]);
}

export async function setCommentsOpen(db: pg.Pool, postId: number, open: boolean): Promise<void> {
  await db.query('UPDATE "Post" SET "commentsOpen" = $2, "updatedAt" = now() WHERE id = $1', [postId, open]);
}

export interface NewComment {
  authorName: string;
  authorEmail: string;
  body: string;
  status: CommentStatus;
  createdAt?: Date;
}

export async function insertComment(db: pg.Pool, postId: number, comment: NewComment): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO "Comment" ("postId", "authorName", "authorEmail", body, status, ip, "userAgent", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, '127.0.0.1', 'e2e fixture', $6, now()) RETURNING id`,
    [postId, comment.authorName, comment.authorEmail, comment.body, comment.status, comment.createdAt ?? new Date()],
  );
  return rows[0]!.id;
}

/**
 * A reply to `parentId`, placed in its thread as the app places one (src/server/comments/service.ts):
 * rootId is the thread's first comment, depth one more than the parent's.
 */
export async function insertReply(db: pg.Pool, parentId: number, comment: NewComment): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO "Comment" ("postId", "parentId", "rootId", depth, "authorName", "authorEmail", body, status, ip, "userAgent", "createdAt", "updatedAt")
     SELECT p."postId", p.id, coalesce(p."rootId", p.id), p.depth + 1, $2, $3, $4, $5, '127.0.0.1', 'e2e fixture', $6, now()
     FROM "Comment" p WHERE p.id = $1 RETURNING id`,
    [parentId, comment.authorName, comment.authorEmail, comment.body, comment.status, comment.createdAt ?? new Date()],
  );
  if (!rows[0]) throw new Error(`no comment ${parentId} to reply to`);
  return rows[0].id;
}

export interface ThreadPlace {
  parentId: number | null;
  rootId: number | null;
  depth: number;
}

/** Where a stored comment sits in its thread. */
export async function threadPlace(db: pg.Pool, id: number): Promise<ThreadPlace | undefined> {
  const { rows } = await db.query<ThreadPlace>('SELECT "parentId", "rootId", depth FROM "Comment" WHERE id = $1', [id]);
  return rows[0];
}

/**
 * `count` approved comments, one minute apart and all in the past, oldest first:
 * "Reader n" <reader-n.<tag>@e2e.example.com> wrote "Comment number n.".
 */
export async function insertApprovedComments(db: pg.Pool, postId: number, count: number, tag: string): Promise<string[]> {
  await db.query(
    `INSERT INTO "Comment" ("postId", "authorName", "authorEmail", body, status, ip, "userAgent", "createdAt", "updatedAt")
     SELECT $1, 'Reader ' || n, 'reader-' || n || '.' || $2 || '@e2e.example.com', 'Comment number ' || n || '.', 'APPROVED',
            '127.0.0.1', 'e2e fixture', now() - ($3 + 1 - n) * interval '1 minute', now()
     FROM generate_series(1, $3::int) AS n`,
    [postId, tag, count],
  );
  return Array.from({ length: count }, (_, i) => `reader-${i + 1}.${tag}@e2e.example.com`);
}

export async function setCommentStatus(db: pg.Pool, id: number, status: CommentStatus): Promise<void> {
  await db.query('UPDATE "Comment" SET status = $2, "updatedAt" = now() WHERE id = $1', [id, status]);
}

export interface StoredComment {
  id: number;
  postId: number;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  body: string;
  status: CommentStatus;
}

export async function findComment(db: pg.Pool, id: number): Promise<StoredComment | undefined> {
  const { rows } = await db.query<StoredComment>('SELECT id, "postId", "authorName", "authorEmail", "authorUrl", body, status FROM "Comment" WHERE id = $1', [
    id,
  ]);
  return rows[0];
}

export async function countComments(db: pg.Pool, postId: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM "Comment" WHERE "postId" = $1', [postId]);
  return rows[0]!.n;
}

/** The discussion setting "minimum fill time" (src/server/moderation/settings.ts has the default). */
export async function minFillSeconds(db: pg.Pool): Promise<number> {
  const { rows } = await db.query<{ seconds: number }>('SELECT "minFillSeconds" AS seconds FROM "DiscussionSettings" WHERE id = 1');
  return rows[0]?.seconds ?? 3;
}
