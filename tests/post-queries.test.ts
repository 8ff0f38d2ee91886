import { describe, expect, it } from 'vitest';
import { getPublishedPost, listPublishedPosts, POSTS_PER_PAGE } from '@/server/posts/queries';
import { createPost, insertComments } from './helpers/fixtures';

const day = (n: number) => new Date(Date.UTC(2024, 0, n, 9));

describe('listPublishedPosts', () => {
  it('lists published posts newest first, without drafts or scheduled posts', async () => {
    const older = await createPost({ slug: 'older', publishedAt: day(1) });
    const newer = await createPost({ slug: 'newer', publishedAt: day(3) });
    const middle = await createPost({ slug: 'middle', publishedAt: day(2) });
    await createPost({ slug: 'draft', publishedAt: null });
    await createPost({ slug: 'scheduled', publishedAt: new Date(Date.now() + 3_600_000) });

    const { posts, pageCount } = await listPublishedPosts(1);

    expect(posts.map((p) => p.id)).toEqual([newer.id, middle.id, older.id]);
    expect(pageCount).toBe(1);
    expect(posts[0]).toEqual({
      id: newer.id,
      slug: 'newer',
      title: newer.title,
      dateline: newer.dateline,
      excerpt: newer.excerpt,
      publishedAt: day(3),
      commentCount: 0,
    });
  });

  it('orders posts published at the same moment by id, newest first', async () => {
    const a = await createPost({ publishedAt: day(5) });
    const b = await createPost({ publishedAt: day(5) });
    expect((await listPublishedPosts(1)).posts.map((p) => p.id)).toEqual([b.id, a.id]);
  });

  it('counts approved comments only', async () => {
    const post = await createPost();
    await insertComments(post.id, 3);
    for (const status of ['PENDING', 'SPAM', 'TRASH'] as const) await insertComments(post.id, 2, { status });
    const quiet = await createPost({ publishedAt: day(1) });

    const { posts } = await listPublishedPosts(1);

    expect(posts.map((p) => [p.id, p.commentCount])).toEqual([
      [post.id, 3],
      [quiet.id, 0],
    ]);
  });

  it(`pages by ${POSTS_PER_PAGE}`, async () => {
    for (let i = 1; i <= 12; i++) await createPost({ slug: `p${i}`, publishedAt: day(i) });
    await createPost({ publishedAt: null });

    const first = await listPublishedPosts(1);
    const second = await listPublishedPosts(2);

    expect(first.pageCount).toBe(2);
    expect(first.posts.map((p) => p.slug)).toEqual(['p12', 'p11', 'p10', 'p9', 'p8', 'p7', 'p6', 'p5', 'p4', 'p3']);
    expect(second.posts.map((p) => p.slug)).toEqual(['p2', 'p1']);
    expect((await listPublishedPosts(3)).posts).toEqual([]);
  });

  it('has one (empty) page when nothing is published', async () => {
    expect(await listPublishedPosts(1)).toEqual({ posts: [], pageCount: 1 });
  });
});

describe('getPublishedPost', () => {
  it('returns the article with its body rendered and sanitised', async () => {
    await createPost({
      slug: 'article',
      title: 'An article',
      sourceName: 'Agency',
      sourceUrl: 'https://agency.example/',
      body: 'Hello **world**.\n\n<script>alert(1)</script>\n\n[bad](javascript:alert(2))',
      publishedAt: day(2),
      commentsOpen: false,
    });

    const post = await getPublishedPost('article');

    expect(post).toMatchObject({
      slug: 'article',
      title: 'An article',
      sourceName: 'Agency',
      sourceUrl: 'https://agency.example/',
      commentsOpen: false,
      publishedAt: day(2),
    });
    expect(post).not.toHaveProperty('body');
    expect(post!.html).toContain('<p>Hello <strong>world</strong>.</p>');
    expect(post!.html).not.toMatch(/script|javascript|alert/);
    expect(post!.html).toContain('>bad</a>');
  });

  it('gives null for a draft, a scheduled post and an unknown slug', async () => {
    await createPost({ slug: 'draft', publishedAt: null });
    await createPost({ slug: 'scheduled', publishedAt: new Date(Date.now() + 3_600_000) });
    expect(await getPublishedPost('draft')).toBeNull();
    expect(await getPublishedPost('scheduled')).toBeNull();
    expect(await getPublishedPost('nope')).toBeNull();
  });

  it('links to the previous (older) and next (newer) published posts, skipping drafts and scheduled ones', async () => {
    await createPost({ slug: 'first', title: 'First', publishedAt: day(1) });
    await createPost({ slug: 'draft', publishedAt: null });
    await createPost({ slug: 'second', title: 'Second', publishedAt: day(2) });
    await createPost({ slug: 'third', title: 'Third', publishedAt: day(3) });
    await createPost({ slug: 'scheduled', publishedAt: new Date(Date.now() + 3_600_000) });

    const neighbours = async (slug: string) => {
      const post = await getPublishedPost(slug);
      return [post!.previous, post!.next];
    };
    expect(await neighbours('first')).toEqual([null, { slug: 'second', title: 'Second' }]);
    expect(await neighbours('second')).toEqual([
      { slug: 'first', title: 'First' },
      { slug: 'third', title: 'Third' },
    ]);
    expect(await neighbours('third')).toEqual([{ slug: 'second', title: 'Second' }, null]);
  });

  it('orders posts published at the same moment by id for previous and next', async () => {
    await createPost({ slug: 'a', title: 'A', publishedAt: day(4) });
    await createPost({ slug: 'b', title: 'B', publishedAt: day(4) });
    await createPost({ slug: 'c', title: 'C', publishedAt: day(4) });

    const b = await getPublishedPost('b');
    expect([b!.previous, b!.next]).toEqual([
      { slug: 'a', title: 'A' },
      { slug: 'c', title: 'C' },
    ]);
  });
});
