import { expect, readerTest as test, waitOutPageCache } from './fixtures';
import { insertComment } from './support/db';
import { contentParagraphs, HOW_COMMENTS_WORK, RUSSIA } from './support/seeded';

test('the index lists published articles, newest first, with dateline, excerpt and comment count', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Latest articles' })).toBeAttached();

  const articles = page.getByRole('main').getByRole('listitem');
  const newest = articles.nth(0);
  await expect(newest.getByRole('heading', { level: 2 })).toHaveText(RUSSIA.title);
  await expect(newest.getByRole('link', { name: RUSSIA.title })).toHaveAttribute('href', RUSSIA.path);
  await expect(newest).toContainText(RUSSIA.dateline);
  await expect(newest).toContainText('The Russian authorities have alerted the Government of Japan this Friday');
  // Exact counts are checked on the index-paging test's own posts; other specs may comment here.
  await expect(newest).toContainText(new RegExp(`${RUSSIA.date} · \\d+ comments?`));

  const older = articles.nth(1);
  await expect(older.getByRole('heading', { level: 2 })).toHaveText(HOW_COMMENTS_WORK.title);
  await expect(older).toContainText(HOW_COMMENTS_WORK.dateline);
  await expect(older).toContainText(HOW_COMMENTS_WORK.excerpt);
  await expect(older).toContainText(new RegExp(`${HOW_COMMENTS_WORK.date} · \\d+ comments?`));

  await newest.getByRole('link', { name: RUSSIA.title }).click();
  await expect(page).toHaveURL(RUSSIA.path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(RUSSIA.title);
});

test('an article shows its headline, dateline, every paragraph and its source', async ({ page }) => {
  const response = await page.goto(RUSSIA.path);
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle(new RegExp(`^${escapeRegExp(RUSSIA.title)} · `));

  const article = page.getByRole('article');
  await expect(article.getByRole('heading', { level: 1 })).toHaveText(RUSSIA.title);
  await expect(article.getByText(RUSSIA.dateline, { exact: true })).toBeVisible();
  await expect(article.getByText(RUSSIA.date, { exact: true })).toBeVisible();

  const paragraphs = contentParagraphs(RUSSIA.file);
  expect(paragraphs).toHaveLength(8);
  await expect(article.locator('.article-body > p')).toHaveText(paragraphs);

  await expect(article.getByRole('link', { name: 'Europa Press' })).toHaveAttribute('href', 'https://www.europapress.es/');
  await expect(
    page.getByRole('heading', { level: 2, name: new RegExp(`^(No comments yet|\\d+ comments? on “${escapeRegExp(RUSSIA.title)}”)$`) }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Leave a comment' })).toBeVisible();
  await expect(page.getByText('Your email address will not be published. Required fields are marked *')).toBeVisible();
});

test('previous and next links move between neighbouring articles', async ({ page }) => {
  await page.goto(RUSSIA.path);
  const nav = page.getByRole('navigation', { name: 'More articles' });
  // The newest article has nothing after it.
  await expect(nav.locator('a[rel="next"]')).toHaveCount(0);
  const previous = nav.getByRole('link', { name: `Previous article: ${HOW_COMMENTS_WORK.title}` });
  await expect(previous).toHaveAttribute('rel', 'prev');
  await previous.click();

  await expect(page).toHaveURL(HOW_COMMENTS_WORK.path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOW_COMMENTS_WORK.title);
  const next = nav.getByRole('link', { name: `Next article: ${RUSSIA.title}` });
  await expect(next).toHaveAttribute('rel', 'next');
  await next.click();

  await expect(page).toHaveURL(RUSSIA.path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(RUSSIA.title);
});

test('an unknown article is a 404 page', async ({ page, request, uid }) => {
  const path = `/posts/no-such-article-${uid}`;
  const response = await page.goto(path);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Back to the latest articles' })).toHaveAttribute('href', '/');

  const direct = await request.get(path);
  expect(direct.status()).toBe(404);
  expect(await direct.text()).toContain('Page not found');
});

test('the index is paged ten articles at a time', async ({ page, db, createPost }) => {
  // Eleven articles older than everything else, so together they fill at least one more page and end the last one.
  const posts = [];
  for (let day = 1; day <= 11; day++) posts.push(await createPost({ publishedAt: new Date(Date.UTC(1990, 0, day)) }));
  const [oldest, secondOldest] = posts as [(typeof posts)[number], (typeof posts)[number]];
  const reader = { authorName: 'Index Reader', authorEmail: `index-reader.${oldest.slug}@e2e.example.com`, body: 'Counted.' };
  await insertComment(db, oldest.id, { ...reader, status: 'APPROVED' });
  await insertComment(db, oldest.id, { ...reader, status: 'APPROVED' });
  await insertComment(db, oldest.id, { ...reader, status: 'PENDING' });
  await insertComment(db, secondOldest.id, { ...reader, status: 'APPROVED' });

  await waitOutPageCache(page);
  await page.goto('/');
  const articles = page.getByRole('main').getByRole('listitem');
  const pager = page.getByRole('navigation', { name: 'Articles' });
  await expect(articles).toHaveCount(10);
  await expect(pager).toContainText(/Page 1 of \d+/);
  await expect(pager.getByRole('link', { name: /Newer articles/ })).toHaveCount(0);

  await pager.getByRole('link', { name: /Older articles/ }).click();
  await expect(page).toHaveURL('/?page=2');
  await expect(pager).toContainText(/Page 2 of \d+/);
  await expect(pager.getByRole('link', { name: /Newer articles/ })).toHaveAttribute('href', '/');

  // Walk to the last page: it ends with the oldest article.
  let current = 2;
  const olderLink = pager.getByRole('link', { name: /Older articles/ });
  while ((await olderLink.count()) > 0 && current < 20) {
    await olderLink.click();
    current++;
    await expect(page).toHaveURL(`/?page=${current}`);
    await expect(pager).toContainText(`Page ${current} of`);
  }
  await expect(pager).toContainText(`Page ${current} of ${current}`);

  const last = articles.last();
  await expect(last.getByRole('heading', { level: 2 })).toHaveText(oldest.title);
  await expect(last).toContainText('1 January 1990 · 2 comments');
  await expect(articles.nth((await articles.count()) - 2)).toContainText('2 January 1990 · 1 comment');
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('the comment count leads to the thread: from the index, and from under the headline, with a link to the form', async ({ page, db, createPost }) => {
  const post = await createPost({ publishedAt: new Date(Date.now() - 1_000) });
  await insertComment(db, post.id, { authorName: 'Counted Once', authorEmail: 'counted-once@e2e.example.com', body: 'One.', status: 'APPROVED' });
  await insertComment(db, post.id, { authorName: 'Counted Twice', authorEmail: 'counted-twice@e2e.example.com', body: 'Two.', status: 'APPROVED' });
  await waitOutPageCache(page);

  await page.goto('/');
  const listed = page.getByRole('main').getByRole('listitem').filter({ hasText: post.title });
  await expect(listed.getByRole('link', { name: '2 comments' })).toHaveAttribute('href', `${post.path}#comments`);

  await page.goto(post.path);
  const header = page.getByRole('article').first().locator('header');
  await expect(header.getByRole('link', { name: '2 comments' })).toHaveAttribute('href', '#comments');
  await header.getByRole('link', { name: 'Leave a comment' }).click();
  await expect(page).toHaveURL(`${post.path}#respond`);
  await expect(page.getByRole('heading', { level: 2, name: 'Leave a comment' })).toBeInViewport();
});
