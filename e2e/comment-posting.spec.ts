import { expect, readerTest as test, waitOutPageCache } from './fixtures';
import { countComments, findComment, insertComment, setCommentsOpen, setCommentStatus } from './support/db';

test('a comment posted with JavaScript is held for moderation and shown to its author', async ({ page, article, db, createPost, newAuthor }) => {
  const post = await createPost();
  const ada = newAuthor();
  await article.goto(post.path);
  await expect(article.commentsHeading('No comments yet')).toBeVisible();

  const id = await article.postComment({ body: 'A first thought.', name: ada.name, email: ada.email, website: ada.website });

  await expect(page).toHaveURL(`${post.path}#comment-${id}`);
  const comment = article.comment(id);
  await expect(comment.getByRole('link', { name: ada.name, exact: true })).toBeVisible();
  await expect(comment).toContainText('Your comment is awaiting moderation.');
  await expect(comment).toContainText('A first thought.');
  // Held comments are not counted yet.
  await expect(article.commentsHeading('No comments yet')).toBeVisible();
  // The form is fresh for the next comment.
  await expect(article.body).toHaveValue('');
  expect(await findComment(db, id)).toMatchObject({
    postId: post.id,
    authorName: ada.name,
    authorEmail: ada.email,
    authorUrl: ada.website,
    body: 'A first thought.',
    status: 'PENDING',
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the form still posts, redirects to the comment and shows it to its author', async ({ page, article, db, createPost, newAuthor }) => {
    const post = await createPost();
    const ada = newAuthor();
    await article.goto(post.path);

    const id = await article.postComment({ body: 'Posted the old way.', name: ada.name, email: ada.email, website: 'ada.example.org' });

    await expect(page).toHaveURL(`${post.path}#comment-${id}`);
    await expect(article.comment(id)).toContainText('Your comment is awaiting moderation.');
    await expect(article.comment(id)).toContainText('Posted the old way.');
    // A website typed without a scheme is stored as https.
    expect(await findComment(db, id)).toMatchObject({ postId: post.id, authorEmail: ada.email, authorUrl: 'https://ada.example.org/', status: 'PENDING' });
  });
});

test('a pending comment is shown only in its author’s browser', async ({ page, article, otherReader, createPost, newAuthor }) => {
  const post = await createPost();
  const ada = newAuthor();
  await article.goto(post.path);
  const id = await article.postComment({ body: `Only I can see this yet (${ada.name}).`, name: ada.name, email: ada.email });

  await page.reload();
  await expect(article.comment(id)).toContainText('Your comment is awaiting moderation.');

  // The cookie that remembers it holds signed ids only, and scripts cannot read it.
  const cookie = (await page.context().cookies()).find((c) => c.name === 'pending_comments');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  expect(cookie?.value).not.toContain(ada.email);
  expect(await page.evaluate(() => document.cookie)).not.toContain('pending_comments');

  await otherReader.goto(post.path);
  await expect(otherReader.commentsHeading('No comments yet')).toBeVisible();
  await expect(otherReader.comment(id)).toHaveCount(0);
  await expect(otherReader.page.getByText(`Only I can see this yet (${ada.name}).`)).toHaveCount(0);
});

test('an approved comment is shown to every reader', async ({ page, article, otherReader, db, createPost, newAuthor }) => {
  const post = await createPost();
  const ada = newAuthor();
  await article.goto(post.path);
  const id = await article.postComment({ body: 'Worth approving.', name: ada.name, email: ada.email, website: ada.website });

  await setCommentStatus(db, id, 'APPROVED');

  await otherReader.goto(post.path);
  await expect(otherReader.commentsHeading(`1 comment on “${post.title}”`)).toBeVisible();
  const seen = otherReader.comment(id);
  await expect(seen).toContainText('Worth approving.');
  await expect(seen).not.toContainText('awaiting moderation');
  const authorLink = seen.getByRole('link', { name: ada.name, exact: true });
  await expect(authorLink).toHaveAttribute('href', ada.website);
  await expect(authorLink).toHaveAttribute('rel', 'nofollow ugc noopener');

  await page.reload();
  await expect(article.comment(id)).toContainText('Worth approving.');
  await expect(article.comment(id)).not.toContainText('awaiting moderation');
});

test('a second comment from an approved author is approved at once', async ({ article, otherReader, db, createPost, newAuthor }) => {
  const post = await createPost();
  const ada = newAuthor();
  await insertComment(db, post.id, {
    authorName: ada.name,
    authorEmail: ada.email,
    body: 'My approved first.',
    status: 'APPROVED',
    createdAt: new Date(Date.now() - 60_000),
  });

  await article.goto(post.path);
  const id = await article.postComment({ body: 'And straight through this time.', name: ada.name, email: ada.email });

  await expect(article.comment(id)).toContainText('And straight through this time.');
  await expect(article.comment(id)).not.toContainText('awaiting moderation');
  expect((await findComment(db, id))?.status).toBe('APPROVED');

  await otherReader.goto(post.path);
  await expect(otherReader.commentsHeading(`2 comments on “${post.title}”`)).toBeVisible();
  await expect(otherReader.comment(id)).toContainText('And straight through this time.');
});

test('an approved email under another name is still held', async ({ article, db, createPost, newAuthor }) => {
  const post = await createPost();
  const ada = newAuthor();
  await insertComment(db, post.id, { authorName: ada.name, authorEmail: ada.email, body: 'Approved under my name.', status: 'APPROVED' });

  await article.goto(post.path);
  const id = await article.postComment({ body: 'Different name, same email.', name: `Not ${ada.name}`, email: ada.email });

  await expect(article.comment(id)).toContainText('Your comment is awaiting moderation.');
  expect((await findComment(db, id))?.status).toBe('PENDING');
});

test('an article with comments closed has no form', async ({ page, article, createPost }) => {
  const post = await createPost({ commentsOpen: false });
  await article.goto(post.path);

  await expect(page.getByText('Comments are closed.', { exact: true })).toBeVisible();
  await expect(article.form).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Leave a comment' })).toHaveCount(0);
});

test('a comment sent after comments were closed is refused and nothing is saved', async ({ page, article, db, createPost, newAuthor }) => {
  const post = await createPost();
  const ada = newAuthor();
  await article.goto(post.path);
  await article.fill({ body: 'Too late?', name: ada.name, email: ada.email });

  await setCommentsOpen(db, post.id, false);
  await article.submit.click();

  await expect(article.form.getByRole('alert')).toHaveText('Comments are closed.');
  await expect(article.body).toHaveValue('Too late?');
  await expect(article.name).toHaveValue(ada.name);
  expect(await countComments(db, post.id)).toBe(0);

  await waitOutPageCache(page);
  await page.reload();
  await expect(page.getByText('Comments are closed.', { exact: true })).toBeVisible();
  await expect(article.form).toHaveCount(0);
});
