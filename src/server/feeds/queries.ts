import 'server-only';
import { db } from '@/server/db';
import { renderMarkdown } from '@/server/posts/markdown';

/** How many entries a feed carries: the newest, as WordPress's default of ten posts and fifty comments per feed. */
export const FEED_POSTS = 10;
export const FEED_COMMENTS = 50;

const published = () => ({ publishedAt: { not: null, lte: new Date() } });

/** Public fields only: no email, IP or user agent can reach a feed. */
const feedCommentSelect = {
  id: true,
  authorName: true,
  authorUrl: true,
  body: true,
  createdAt: true,
  post: { select: { slug: true, title: true } },
} as const;

export async function listFeedPosts() {
  const posts = await db.post.findMany({
    where: published(),
    orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
    take: FEED_POSTS,
    select: { slug: true, title: true, excerpt: true, body: true, publishedAt: true, updatedAt: true, sourceName: true },
  });
  return posts.map(({ body, publishedAt, ...post }) => ({ ...post, publishedAt: publishedAt!, html: renderMarkdown(body) }));
}

/** The newest approved comments on published posts; of one post when `slug` is given (null: no such post). */
export async function listFeedComments(slug?: string) {
  const post =
    slug === undefined ? null : await db.post.findFirst({ where: { slug, ...published() }, select: { id: true, slug: true, title: true, excerpt: true } });
  if (slug !== undefined && !post) return null;
  const comments = await db.comment.findMany({
    where: { status: 'APPROVED', ...(post ? { postId: post.id } : { post: published() }) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: FEED_COMMENTS,
    select: feedCommentSelect,
  });
  return { post, comments };
}

/** When each published post last changed for a reader: its text, or its newest approved comment. */
export async function listSitemapPosts() {
  return db.$queryRaw<{ slug: string; lastModified: Date }[]>`
    SELECT p.slug, GREATEST(p."updatedAt", COALESCE(max(c."createdAt"), p."updatedAt")) AS "lastModified"
    FROM "Post" p LEFT JOIN "Comment" c ON c."postId" = p.id AND c.status = 'APPROVED'
    WHERE p."publishedAt" IS NOT NULL AND p."publishedAt" <= now()
    GROUP BY p.id ORDER BY p."publishedAt" DESC, p.id DESC`;
}
