import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderMarkdown } from '@/server/posts/markdown';
import { CONTENT_DIR, seedPosts } from '@/server/posts/seed';
import { testDb } from './helpers/database';

const ARTICLE_SLUG = 'russia-warns-japan-western-policies-peace-treaty';

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function contentFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'blog-content-'));
  folders.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const article = () => testDb.post.findUniqueOrThrow({ where: { slug: ARTICLE_SLUG } });

describe('seedPosts', () => {
  it('creates one post per Markdown file of content/posts', async () => {
    const files = readdirSync(CONTENT_DIR).filter((f) => f.endsWith('.md'));
    expect(files).toHaveLength(2);

    expect(await seedPosts(testDb)).toEqual({ created: 2, updated: 0 });

    const posts = await testDb.post.findMany({ orderBy: { publishedAt: 'asc' }, select: { slug: true, publishedAt: true, commentsOpen: true } });
    expect(posts).toEqual([
      { slug: 'how-comments-work', publishedAt: new Date('2022-11-20T09:00:00Z'), commentsOpen: true },
      { slug: ARTICLE_SLUG, publishedAt: new Date('2022-11-29T10:00:00Z'), commentsOpen: true },
    ]);
  });

  it('loads the Europa Press article exactly', async () => {
    await seedPosts(testDb);
    const post = await article();

    expect(post.title).toBe('Russia warns that Japan’s support for “Western policies” hinders a peace treaty');
    expect(post.dateline).toBe('MADRID 29 Nov. (EUROPA PRESS)');
    expect(post.sourceName).toBe('Europa Press');
    expect(post.sourceUrl).toBe('https://www.europapress.es/');
    const paragraphs = post.body.split(/\n\s*\n/);
    expect(paragraphs).toHaveLength(8);
    expect(paragraphs[0]).toMatch(/^The Russian authorities have alerted the Government of Japan this Friday/);
    expect(paragraphs[7]).toMatch(/“illegal occupation” for the first time in almost 20 years to refer to the status of the islands\.$/);
    expect(renderMarkdown(post.body).match(/<p>/g)).toHaveLength(8);
    // No excerpt in the front matter: the first paragraph, cut to 280 characters at a word.
    expect(post.excerpt.startsWith('The Russian authorities have alerted the Government of Japan')).toBe(true);
    expect(post.excerpt.endsWith('…')).toBe(true);
    expect(post.excerpt.length).toBeLessThanOrEqual(281);
  });

  it('creates nothing on a second run and refreshes the text from the files', async () => {
    await seedPosts(testDb);
    const before = await article();
    await testDb.post.update({ where: { id: before.id }, data: { title: 'Edited in the database', body: 'Old body', excerpt: 'Old' } });

    expect(await seedPosts(testDb)).toEqual({ created: 0, updated: 2 });

    const after = await article();
    expect(await testDb.post.count()).toBe(2);
    expect(after.id).toBe(before.id);
    expect(after).toMatchObject({ title: before.title, body: before.body, excerpt: before.excerpt });
  });

  it('leaves what an admin changed alone: comments closed, publication date', async () => {
    await seedPosts(testDb);
    const publishedAt = new Date('2023-01-15T08:30:00Z');
    await testDb.post.update({ where: { slug: ARTICLE_SLUG }, data: { commentsOpen: false, publishedAt } });
    await testDb.post.update({ where: { slug: 'how-comments-work' }, data: { publishedAt: null } });

    await seedPosts(testDb);

    expect(await article()).toMatchObject({ commentsOpen: false, publishedAt });
    expect((await testDb.post.findUniqueOrThrow({ where: { slug: 'how-comments-work' } })).publishedAt).toBeNull();
  });

  it('keeps a file without publishedAt as a draft and takes its excerpt and commentsOpen', async () => {
    const dir = contentFolder({
      'draft.md': '---\ntitle: "A draft"\nslug: a-draft\ndateline: "NOWHERE"\nexcerpt: "Given excerpt."\ncommentsOpen: false\n---\n\nBody.\n',
    });
    expect(await seedPosts(testDb, dir)).toEqual({ created: 1, updated: 0 });
    expect(await testDb.post.findUniqueOrThrow({ where: { slug: 'a-draft' } })).toMatchObject({
      publishedAt: null,
      commentsOpen: false,
      excerpt: 'Given excerpt.',
      body: 'Body.',
      sourceName: null,
      sourceUrl: null,
    });
  });

  it('opens comments on new posts as the discussion settings say, unless the file says', async () => {
    await testDb.discussionSettings.create({ data: { id: 1, commentsOpenByDefault: false } });
    const dir = contentFolder({
      'a.md': '---\ntitle: A\nslug: a\ndateline: X\n---\nA.',
      'b.md': '---\ntitle: B\nslug: b\ndateline: X\ncommentsOpen: true\n---\nB.',
    });
    await seedPosts(testDb, dir);
    const posts = await testDb.post.findMany({ orderBy: { slug: 'asc' }, select: { slug: true, commentsOpen: true } });
    expect(posts).toEqual([
      { slug: 'a', commentsOpen: false },
      { slug: 'b', commentsOpen: true },
    ]);
  });

  it('throws a clear error naming the file and fields for invalid front matter, and writes nothing', async () => {
    const dir = contentFolder({
      'a-good.md': '---\ntitle: Good\nslug: good\ndateline: X\n---\nFine.',
      'b-bad.md': '---\ntitle: ""\nslug: Not A Slug\ndateline: X\nauthor: someone\n---\nBroken.',
    });

    const error = await seedPosts(testDb, dir).then(
      () => undefined,
      (e: Error) => e,
    );

    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toMatch(/^b-bad\.md: invalid front matter\n/);
    // One way of writing zod's issues everywhere: z.prettifyError ("✖ message", "  → at field").
    expect(error!.message).toMatch(/^ {2}→ at title$/m);
    expect(error!.message).toMatch(/^✖ slug: lowercase words joined by hyphens\n {2}→ at slug$/m);
    expect(error!.message).toContain('author');
    expect(await testDb.post.count()).toBe(0);
  });
});
