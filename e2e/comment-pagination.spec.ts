import { expect, readerTest as test } from './fixtures';
import { insertApprovedComments } from './support/db';

test('approved comments are paged fifty at a time, oldest first; the article opens on the newest page', async ({ page, article, db, createPost, uid }) => {
  const post = await createPost();
  await insertApprovedComments(db, post.id, 55, uid);

  // The article without ?cpage opens on its newest comment page (the default, as in WordPress).
  await article.goto(post.path);
  await expect(article.commentsHeading(`55 comments on “${post.title}”`)).toBeVisible();
  // Top-level comments only: a page counts threads, and nested replies are list items too.
  const comments = article.threads;
  const pagers = article.comments.getByRole('navigation', { name: 'Comment pages' });
  // One pager above the list and one below it.
  await expect(pagers).toHaveCount(2);
  const pager = pagers.first();

  await expect(comments).toHaveCount(5);
  await expect(comments.first()).toContainText('Comment number 51.');
  await expect(comments.last()).toContainText('Comment number 55.');
  await expect(pager).toContainText('Page 2 of 2');
  await expect(pager.getByRole('link', { name: /Newer comments/ })).toHaveCount(0);

  const older = pager.getByRole('link', { name: /Older comments/ });
  await expect(older).toHaveAttribute('href', `${post.path}?cpage=1#comments`);
  await older.click();
  await expect(page).toHaveURL(`${post.path}?cpage=1#comments`);
  await expect(comments).toHaveCount(50);
  await expect(comments.first()).toContainText('Comment number 1.');
  await expect(comments.last()).toContainText('Comment number 50.');
  await expect(pager).toContainText('Page 1 of 2');
  await expect(article.commentsHeading(`55 comments on “${post.title}”`)).toBeVisible();
  await expect(pager.getByRole('link', { name: /Older comments/ })).toHaveCount(0);

  await pager.getByRole('link', { name: /Newer comments/ }).click();
  await expect(page).toHaveURL(`${post.path}?cpage=2#comments`);
  await expect(comments).toHaveCount(5);
  await expect(comments.first()).toContainText('Comment number 51.');

  // A page past the end shows the last one.
  await article.goto(`${post.path}?cpage=9`);
  await expect(comments).toHaveCount(5);
  await expect(pager).toContainText('Page 2 of 2');
});

test('a new comment on a long thread lands on its last page', async ({ page, article, db, createPost, newAuthor, uid }) => {
  const post = await createPost();
  await insertApprovedComments(db, post.id, 55, uid);
  const ada = newAuthor();

  await article.goto(`${post.path}?cpage=1`);
  const id = await article.postComment({ body: 'Late to the party.', name: ada.name, email: ada.email });

  // The last page is the one the article opens on, so the comment's address is the article's own.
  await expect(page).toHaveURL(`${post.path}#comment-${id}`);
  await expect(article.comment(id)).toContainText('Your comment is awaiting moderation.');
  await expect(article.comments.getByRole('navigation', { name: 'Comment pages' }).first()).toContainText('Page 2 of 2');
  // The five approved comments of page 2, then the reader's own held one.
  const comments = article.threads;
  await expect(comments).toHaveCount(6);
  await expect(comments.last()).toHaveId(`comment-${id}`);
});
