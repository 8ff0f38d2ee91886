import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '@/generated/prisma/client';
import { databaseUrl, testDb } from './helpers/database';
import { createPost } from './helpers/fixtures';

/**
 * The article page must cost the database the same few queries whether a post has ten comments or
 * ten thousand (issue: flat cost per comment). The app's client is swapped for one that counts.
 */
const counting = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl() }), log: [{ emit: 'event', level: 'query' }] });
const statements: string[] = [];
counting.$on('query', (event) => statements.push(event.query));
(globalThis as { prisma?: PrismaClient }).prisma = counting;
const { loadArticlePage } = await import('@/server/posts/article');

afterAll(async () => {
  delete (globalThis as { prisma?: PrismaClient }).prisma;
  await counting.$disconnect();
});

async function postWithComments(count: number) {
  const post = await createPost();
  await testDb.$executeRaw`
    INSERT INTO "Comment" ("postId", "authorName", "authorEmail", body, status, ip, "userAgent", "updatedAt")
    SELECT ${post.id}, 'Reader ' || g, 'r' || g || '@example.com', 'Comment ' || g, 'APPROVED', '127.0.0.1', 'test', now()
    FROM generate_series(1, ${count}) g`;
  return post;
}

/** `count` replies in threads of 10: each reply answers the one before (deep) or the thread's first (wide). */
async function postWithThreads(count: number, shape: 'deep' | 'wide') {
  const post = await createPost();
  const roots = Math.max(1, Math.floor(count / 10));
  await testDb.$executeRaw`
    INSERT INTO "Comment" ("postId", "authorName", "authorEmail", body, status, ip, "userAgent", "updatedAt")
    SELECT ${post.id}, 'Reader ' || g, 'r' || g || '@example.com', 'Thread ' || g, 'APPROVED', '127.0.0.1', 'test', now()
    FROM generate_series(1, ${roots}) g`;
  if (shape === 'wide') {
    await testDb.$executeRaw`
      INSERT INTO "Comment" ("postId", "parentId", "rootId", depth, "authorName", "authorEmail", body, status, ip, "userAgent", "updatedAt")
      SELECT ${post.id}, c.id, c.id, 1, 'R', 'r@example.com', 'reply', 'APPROVED', '127.0.0.1', 'test', now()
      FROM "Comment" c CROSS JOIN generate_series(1, 9) WHERE c."postId" = ${post.id}`;
  } else {
    // Each level answers the level above: threads ten deep.
    for (let depth = 1; depth < 10; depth++) {
      await testDb.$executeRaw`
        INSERT INTO "Comment" ("postId", "parentId", "rootId", depth, "authorName", "authorEmail", body, status, ip, "userAgent", "updatedAt")
        SELECT ${post.id}, c.id, COALESCE(c."rootId", c.id), ${depth}, 'R', 'r@example.com', 'reply', 'APPROVED', '127.0.0.1', 'test', now()
        FROM "Comment" c WHERE c."postId" = ${post.id} AND c.depth = ${depth - 1}`;
    }
  }
  return post;
}

async function queriesFor(slug: string, page: number | null, pendingIds: number[] = []) {
  statements.length = 0;
  const article = await loadArticlePage(slug, page, pendingIds);
  return { count: statements.length, article };
}

describe('queries per article view', () => {
  it('is the same small number for 10 and for 10,000 comments, on the first and the last page', async () => {
    const small = await postWithComments(10);
    const large = await postWithComments(10_000);

    const few = await queriesFor(small.slug, 1);
    const many = await queriesFor(large.slug, 1);
    const lastPage = await queriesFor(large.slug, 200, [1, 2, 3]);

    expect(few.article?.threads).toHaveLength(10);
    expect(many.article?.threads).toHaveLength(50);
    expect(lastPage.article?.page).toBe(200);
    expect(few.count).toBeLessThanOrEqual(8);
    expect(many.count).toBe(few.count);
    // The last page also looks up the visitor's held comments: one query more, still flat.
    expect(lastPage.count).toBeLessThanOrEqual(few.count + 1);
  });

  it('is the same in deep and in wide threads of 10, 1,000 and 10,000 comments', async () => {
    const counts = [];
    for (const size of [10, 1_000, 10_000]) {
      for (const shape of ['deep', 'wide'] as const) {
        const post = await postWithThreads(size, shape);
        const view = await queriesFor(post.slug, null);
        expect(view.article?.commentCount, `${shape} ${size}`).toBe(Math.max(1, Math.floor(size / 10)) * 10);
        counts.push(view.count);
      }
    }
    expect(new Set(counts).size, `queries: ${counts.join(', ')}`).toBe(1);
  }, 60_000);

  it('costs one query for a slug that does not exist', async () => {
    const { count, article } = await queriesFor('no-such-post', 1);
    expect(article).toBeNull();
    expect(count).toBe(1);
  });
});
