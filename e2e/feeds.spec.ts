import { parseFeed } from '@rowanmanning/feed-parser';
import type { APIRequestContext } from '@playwright/test';
import { expect, readerTest as test, waitOutPageCache } from './fixtures';
import { insertComment } from './support/db';

// The feeds (Atom, built with `feed`) read by a real feed parser, as a feed reader would.

const ATOM = /^application\/atom\+xml/;

async function fetchFeed(request: APIRequestContext, path: string) {
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  expect(response.headers()['content-type'], path).toMatch(ATOM);
  const xml = await response.text();
  return { xml, feed: parseFeed(xml) };
}

test('the posts feed lists a new article with its title, link, date and text', async ({ page, createPost }) => {
  const publishedAt = new Date(Date.now() - 1_000);
  const post = await createPost({ publishedAt });
  await waitOutPageCache(page);
  const origin = new URL(test.info().project.use.baseURL!).origin;

  const { feed } = await fetchFeed(page.request, '/feed.xml');

  expect(feed.title).toBe('Commentary');
  const item = feed.items.find((entry) => entry.title === post.title);
  expect(item, 'the new article is in the feed').toBeTruthy();
  expect(item!.url).toBe(`${origin}${post.path}`);
  expect(item!.published?.getTime()).toBe(publishedAt.getTime());
  expect(item!.content).toContain(`First paragraph of ${post.title}.`);
});

test('the comment feeds carry the newest approved comment with its permalink, never a held one or an email', async ({ page, db, createPost, uid }) => {
  const post = await createPost();
  const email = `feed-reader.${uid}@e2e.example.com`;
  await insertComment(db, post.id, { authorName: 'Held Back', authorEmail: `held.${uid}@e2e.example.com`, body: 'Not for feeds.', status: 'PENDING' });
  await insertComment(db, post.id, {
    authorName: 'Older Voice',
    authorEmail: email,
    body: 'The first approved word.',
    status: 'APPROVED',
    createdAt: new Date(Date.now() - 60_000),
  });
  const newest = await insertComment(db, post.id, {
    authorName: 'Fresh Voice',
    authorEmail: email,
    body: 'Line one <b>not bold</b>\n\nSecond paragraph.',
    status: 'APPROVED',
  });
  await waitOutPageCache(page);
  const origin = new URL(test.info().project.use.baseURL!).origin;

  for (const path of [`${post.path}/feed.xml`, '/comments/feed.xml']) {
    const { xml, feed } = await fetchFeed(page.request, path);
    expect(xml, path).not.toContain(email);
    expect(xml, path).not.toContain('e2e.example.com');
    expect(xml, path).not.toContain('Not for feeds.');
    const item = feed.items.find((entry) => entry.url === `${origin}${post.path}/comments/${newest}`);
    expect(item, `${path}: the newest approved comment`).toBeTruthy();
    expect(item!.title).toBe(`Fresh Voice on “${post.title}”`);
    expect(item!.authors.map((author) => author.name)).toEqual(['Fresh Voice']);
    // The comment's text, as text: its markup escaped inside the feed's HTML, its paragraphs kept.
    expect(xml).toContain('<p>Line one &lt;b&gt;not bold&lt;/b&gt;</p><p>Second paragraph.</p>');
    expect(item!.content).toContain('Second paragraph.');
    expect(item!.published!.getTime()).toBeGreaterThan(Date.now() - 120_000);
  }

  const { feed: postFeed } = await fetchFeed(page.request, `${post.path}/feed.xml`);
  expect(postFeed.title).toBe(`Comments on: ${post.title}`);
  expect(postFeed.items.map((entry) => entry.title)).toEqual([`Fresh Voice on “${post.title}”`, `Older Voice on “${post.title}”`]);
  expect((await page.request.get('/posts/no-such-article-anywhere/feed.xml')).status()).toBe(404);
});

test('every page points to the feeds; an article also to its own, with og:url, og:site_name and its comment count for search engines', async ({
  page,
  db,
  createPost,
}) => {
  const post = await createPost();
  await insertComment(db, post.id, { authorName: 'Counted', authorEmail: 'counted@e2e.example.com', body: 'One.', status: 'APPROVED' });
  await waitOutPageCache(page);

  await page.goto('/');
  const feeds = page.locator('head link[rel="alternate"][type="application/atom+xml"]');
  await expect(feeds).toHaveCount(2);

  await page.goto(post.path);
  await expect(feeds).toHaveCount(3);
  await expect(feeds.nth(2)).toHaveAttribute('href', new RegExp(`${post.path}/feed\\.xml$`));
  await expect(page.locator('head meta[property="og:url"]')).toHaveAttribute('content', new RegExp(`${post.path}$`));
  await expect(page.locator('head meta[property="og:site_name"]')).toHaveAttribute('content', 'Commentary');
  const data = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}') as Record<string, unknown>;
  expect(data).toMatchObject({ '@type': 'NewsArticle', headline: post.title, commentCount: 1 });
});

test('the sitemap lists a published article, last modified when its newest comment was approved', async ({ page, db, createPost }) => {
  const post = await createPost();
  const scheduled = await createPost({ publishedAt: new Date(Date.now() + 86_400_000) });
  const commentedAt = new Date(Date.now() + 60_000); // later than the post's own last change
  await insertComment(db, post.id, { authorName: 'Late', authorEmail: 'late@e2e.example.com', body: 'Later.', status: 'APPROVED', createdAt: commentedAt });
  await waitOutPageCache(page);

  const response = await page.request.get('/sitemap.xml');
  expect(response.status()).toBe(200);
  const xml = await response.text();
  const entry = new RegExp(`<url>\\s*<loc>[^<]*${post.path}</loc>\\s*<lastmod>([^<]+)</lastmod>`).exec(xml);
  expect(entry, 'the article is listed with its last change').toBeTruthy();
  expect(new Date(entry![1]!).getTime()).toBe(Math.floor(commentedAt.getTime()));
  expect(xml).not.toContain(scheduled.path);
});
