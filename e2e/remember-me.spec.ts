import type { Page } from '@playwright/test';
import { expect, moveToNewAddress, readerTest as test } from './fixtures';
import { ArticlePage } from './support/article-page';

const STORAGE_KEY = 'comment-author';

function storedAuthor(page: Page): Promise<unknown> {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), STORAGE_KEY);
}

/** A new tab in the same browser: same storage and cookies, fresh page. */
async function newTab(page: Page, minFillSeconds: number): Promise<ArticlePage> {
  return new ArticlePage(await page.context().newPage(), { minFillSeconds });
}

test('ticking “Save my name…” fills in name, email and website next time', async ({ page, article, createPost, newAuthor, minFillSeconds }) => {
  const post = await createPost();
  const ada = newAuthor();
  await article.goto(post.path);
  await expect(article.remember).not.toBeChecked();

  await article.postComment({ body: 'Remember me.', name: ada.name, email: ada.email, website: ada.website, remember: true });
  expect(await storedAuthor(page)).toEqual({ authorName: ada.name, authorEmail: ada.email, authorUrl: ada.website });
  // Kept in this browser only: no cookie carries the email to the server.
  for (const cookie of await page.context().cookies()) expect(decodeURIComponent(cookie.value)).not.toContain(ada.email);

  const later = await newTab(page, minFillSeconds);
  await later.goto(post.path);
  await expect(later.name).toHaveValue(ada.name);
  await expect(later.email).toHaveValue(ada.email);
  await expect(later.website).toHaveValue(ada.website);
  await expect(later.remember).toBeChecked();
  await expect(later.body).toHaveValue('');
});

test('unticking it and posting forgets the author', async ({ page, article, createPost, newAuthor, minFillSeconds }) => {
  const post = await createPost();
  const ada = newAuthor();
  await article.goto(post.path);
  await article.postComment({ body: 'Remember me for now.', name: ada.name, email: ada.email, website: ada.website, remember: true });

  const later = await newTab(page, minFillSeconds);
  await later.goto(post.path);
  await expect(later.email).toHaveValue(ada.email);
  // Another address and email: the flood limit holds per email too, and waiting it out would only slow the test.
  await moveToNewAddress(page.context());
  await later.postComment({ body: 'Now forget me.', email: newAuthor('Ada2').email, remember: false });
  expect(await storedAuthor(later.page)).toBeNull();

  const after = await newTab(page, minFillSeconds);
  await after.goto(post.path);
  await expect(after.remember).not.toBeChecked();
  for (const field of [after.name, after.email, after.website]) await expect(field).toHaveValue('');
});

test('without the tick nothing is remembered', async ({ page, article, createPost, newAuthor, minFillSeconds }) => {
  const post = await createPost();
  const ada = newAuthor();
  await article.goto(post.path);
  await article.postComment({ body: 'Just this once.', name: ada.name, email: ada.email, website: ada.website });
  expect(await storedAuthor(page)).toBeNull();

  const later = await newTab(page, minFillSeconds);
  await later.goto(post.path);
  await expect(later.remember).not.toBeChecked();
  for (const field of [later.name, later.email, later.website]) await expect(field).toHaveValue('');
});
