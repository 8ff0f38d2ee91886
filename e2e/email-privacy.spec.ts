import type { Page } from '@playwright/test';
import { expect, moveToNewAddress, readerTest as test } from './fixtures';
import { insertApprovedComments, insertComment, setCommentsOpen } from './support/db';
import { RUSSIA } from './support/seeded';

// Every email the specs make ends in this domain; no public byte may contain it.
const EMAIL_DOMAIN = '@e2e.example.com';

function expectNoEmail(text: string, emails: string[], where: string): void {
  expect(
    emails.filter((email) => text.includes(email)),
    `emails in ${where}`,
  ).toEqual([]);
  expect(text.includes(EMAIL_DOMAIN), `"${EMAIL_DOMAIN}" in ${where}`).toBe(false);
}

interface Captured {
  url: string;
  status: number;
  action: boolean;
  body: string;
}

/**
 * Every POST (server action calls, plain form posts) goes through Playwright, which hands the server's
 * full response to the page, so its whole body can be checked (Chromium may drop a body it has consumed).
 */
async function capturePosts(page: Page): Promise<Captured[]> {
  const captured: Captured[] = [];
  await page.route('**/*', async (route) => {
    const request = route.request();
    if (request.method() !== 'POST') return route.fallback();
    const response = await route.fetch({ maxRedirects: 0 });
    const body = await response.text();
    captured.push({ url: request.url(), status: response.status(), action: 'next-action' in request.headers(), body });
    await route.fulfill({ response, body });
  });
  return captured;
}

test('no public page shows an email, in its HTML or its RSC payload', async ({ page, article, db, createPost, newAuthor, uid }) => {
  // Newer than other specs' posts (2001), older than the seeded ones: always on the first index page.
  const post = await createPost({ publishedAt: new Date('2010-01-01T00:00:00Z') });
  const emails = await insertApprovedComments(db, post.id, 55, uid);
  const ada = newAuthor('Ada'); // new: held
  const bea = newAuthor('Bea'); // approved before: straight through
  await insertComment(db, post.id, { authorName: bea.name, authorEmail: bea.email, body: 'Bea, approved earlier.', status: 'APPROVED' });
  emails.push(ada.email, bea.email);

  await article.goto(post.path);
  await article.postComment({ body: 'Ada, held for moderation.', name: ada.name, email: ada.email, website: ada.website });
  // Whether the page then shows it is comment-posting.spec's business; here only what is served counts.
  await moveToNewAddress(page.context());
  await article.submitComment({ body: 'Bea, approved at once.', name: bea.name, email: bea.email });

  // Fetched with this browser's cookies, so Ada's held comment is part of the last comment page.
  // `shows`: text the server itself renders, so it is in the RSC payload too (the form is a client component).
  const pages = [
    { path: '/', status: 200, shows: [post.title, '57 comments'] },
    // The article opens on its newest comment page, the one with the held comment.
    { path: post.path, status: 200, shows: ['Comment number 55.', 'Bea, approved at once.', 'Ada, held for moderation.'] },
    { path: `${post.path}?cpage=1`, status: 200, shows: ['Reader 1', 'Comment number 50.'] },
    { path: `${post.path}?cpage=2`, status: 200, shows: ['Comment number 55.', 'Bea, approved at once.', 'Ada, held for moderation.'] },
    { path: RUSSIA.path, status: 200, shows: [RUSSIA.dateline, 'Source:'] },
    { path: `/posts/no-such-article-${uid}`, status: 404, shows: ['Page not found'] },
  ];
  for (const { path, status, shows } of pages) {
    const html = await page.request.get(path);
    expect(html.status(), path).toBe(status);
    expect(html.headers()['content-type']).toContain('text/html');
    const htmlText = await html.text();
    for (const text of shows) expect(htmlText, `HTML of ${path}`).toContain(text);
    expectNoEmail(htmlText, emails, `HTML of ${path}`);

    // (An RSC request for a missing page is answered 200 with the not-found tree: Next.js's way.)
    const rsc = await page.request.get(path, { headers: { RSC: '1' } });
    expect(rsc.headers()['content-type']).toContain('text/x-component');
    const rscText = await rsc.text();
    for (const text of shows) expect(rscText, `RSC of ${path}`).toContain(text);
    expectNoEmail(rscText, emails, `RSC of ${path}`);

    await page.goto(path);
    expectNoEmail(await page.content(), emails, `DOM of ${path}`);
  }
});

test('the comment action never sends the email back', async ({ page, article, db, createPost, newAuthor }) => {
  const post = await createPost();
  const ada = newAuthor();
  const posts = await capturePosts(page);
  await article.goto(post.path);
  await article.fill({ body: 'Second time lucky.', name: ada.name, email: ada.email, website: ada.website });

  // Refused by the server: comments were closed after the page loaded.
  await setCommentsOpen(db, post.id, false);
  await article.submit.click();
  await expect(article.form.getByRole('alert')).toHaveText('Comments are closed.');

  // Accepted: the response carries the redirect to the new comment.
  await setCommentsOpen(db, post.id, true);
  await article.waitLikeAPerson();
  await article.submit.click();
  await page.waitForURL(/#comment-\d+$/);
  await expect(page.getByText('Second time lucky.')).toBeVisible();

  expect(posts.map((p) => p.action)).toEqual([true, true]);
  expect(posts[0]!.body).toContain('Comments are closed.');
  for (const { url, body } of posts) expectNoEmail(body, [ada.email], `action response from ${url}`);
  expectNoEmail(await page.content(), [ada.email], 'the page after posting');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the form post’s responses never send the email back', async ({ page, article, createPost, newAuthor }) => {
    const post = await createPost();
    const ada = newAuthor();
    const posts = await capturePosts(page);
    await article.goto(post.path);

    // Refused: the page comes back with the message and without the email.
    await article.fill({ body: 'Second time lucky.', name: ada.name, email: ada.email, website: 'ftp://x' });
    await article.submit.click();
    await expect(article.website).toHaveAccessibleDescription('Please enter a website address starting with http:// or https://.');

    // Accepted: a 303 to the comment, then its page.
    await article.postComment({ email: ada.email, website: ada.website });

    expect(posts.map((p) => p.status)).toEqual([200, 303]);
    expect(posts[0]!.body).toContain('Second time lucky.');
    for (const { url, body } of posts) expectNoEmail(body, [ada.email], `response from ${url}`);
    expectNoEmail(await page.content(), [ada.email], 'the page after posting');
  });
});
