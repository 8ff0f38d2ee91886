import 'server-only';
import { cache } from 'react';
import { postSlugSchema } from '@/lib/schemas/post-file';
import { db } from '@/server/db';
import { renderMarkdown } from './markdown';
import { pageCountOf } from '@/lib/public-pages';

export const POSTS_PER_PAGE = 10;

function publishedNow() {
  return { publishedAt: { not: null, lte: new Date() } };
}

export async function listPublishedPosts(page: number) {
  const where = publishedNow();
  const [posts, total] = await Promise.all([
    db.post.findMany({
      where,
      orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * POSTS_PER_PAGE,
      take: POSTS_PER_PAGE,
      select: {
        id: true,
        slug: true,
        title: true,
        dateline: true,
        excerpt: true,
        publishedAt: true,
        _count: { select: { comments: { where: { status: 'APPROVED' } } } },
      },
    }),
    db.post.count({ where }),
  ]);
  return {
    posts: posts.map(({ _count, publishedAt, ...post }) => ({ ...post, publishedAt: publishedAt!, commentCount: _count.comments })),
    pageCount: pageCountOf(total, POSTS_PER_PAGE),
  };
}

/**
 * A published article with its rendered body and its neighbours; null when there is none. The slug
 * comes from the URL: one that no post could have (`%00`, `x.rsc`) is answered without a query.
 */
export const getPublishedPost = cache(async (slug: string) => {
  if (!postSlugSchema.safeParse(slug).success) return null;
  const post = await db.post.findFirst({
    where: { slug, ...publishedNow() },
    select: {
      id: true,
      slug: true,
      title: true,
      dateline: true,
      sourceName: true,
      sourceUrl: true,
      excerpt: true,
      body: true,
      publishedAt: true,
      commentsOpen: true,
    },
  });
  if (!post?.publishedAt) return null;
  const at = post.publishedAt;
  const neighbour = { slug: true, title: true } as const;
  const [previous, next] = await Promise.all([
    db.post.findFirst({
      where: { ...publishedNow(), OR: [{ publishedAt: { lt: at } }, { publishedAt: at, id: { lt: post.id } }] },
      orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
      select: neighbour,
    }),
    db.post.findFirst({
      where: { ...publishedNow(), OR: [{ publishedAt: { gt: at } }, { publishedAt: at, id: { gt: post.id } }] },
      orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }],
      select: neighbour,
    }),
  ]);
  const { body, ...rest } = post;
  return { ...rest, publishedAt: at, html: renderMarkdown(body), previous, next };
});
