import { expect, readerTest as test } from './fixtures';
import { countComments } from './support/db';

/**
 * With JavaScript, a post that fails with an error replacing the page (the site was redeployed while
 * the reader wrote, or the connection dropped) must not cost the reader their text: the error page
 * says what happened, and the form comes back with the comment in it.
 */

test('a form from before a redeploy: the reader is told, reloads, and finds their comment in the form', async ({
  page,
  article,
  db,
  createPost,
  newAuthor,
}) => {
  const post = await createPost();
  const ada = newAuthor();
  await article.goto(post.path);
  // What the new build answers to an action id it does not know (Next.js: 404 + this header).
  await page.route(post.path, (route) =>
    route.request().method() === 'POST' && route.request().headers()['next-action']
      ? route.fulfill({ status: 404, headers: { 'x-nextjs-action-not-found': '1', 'content-type': 'text/plain' }, body: 'Server action not found.' })
      : route.fallback(),
  );
  const body = 'Written before the deploy, and not to be lost.';
  await article.fill({ body, name: ada.name, email: ada.email });
  await article.waitLikeAPerson();
  await article.submit.click();

  await expect(page.getByRole('heading', { name: 'This page was updated' })).toBeVisible();
  await expect(page.getByText('your comment was not sent')).toBeVisible();
  await page.unroute(post.path);
  await page.getByRole('button', { name: 'Reload the page' }).click();
  await article.hydrated();
  await expect(article.body).toHaveValue(body);
  expect(await countComments(db, post.id)).toBe(0);

  // And it posts from there.
  const id = await article.submitComment({ name: ada.name, email: ada.email });
  await expect(article.comment(id)).toContainText(body);
});

test('a post cut off by the network: "Try again" brings the comment back into the form', async ({ page, article, createPost, newAuthor }) => {
  const post = await createPost();
  const ada = newAuthor();
  await article.goto(post.path);
  await page.route(post.path, (route) => (route.request().method() === 'POST' ? route.abort('connectionreset') : route.fallback()));
  const body = 'Sent just as the train went into a tunnel.';
  await article.fill({ body, name: ada.name, email: ada.email });
  await article.waitLikeAPerson();
  await article.submit.click();

  await expect(page.getByRole('heading', { name: 'This page could not be loaded' })).toBeVisible();
  await page.unroute(post.path);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(article.body).toHaveValue(body);
});

test('a stored comment is not put back into the next form', async ({ page, article, createPost, newAuthor }) => {
  const post = await createPost();
  const ada = newAuthor();
  await article.goto(post.path);
  await article.postComment({ body: 'Said once.', name: ada.name, email: ada.email });
  await page.reload();
  await article.hydrated();
  await expect(article.body).toHaveValue('');
});
