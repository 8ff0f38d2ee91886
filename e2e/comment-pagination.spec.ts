import { expect, readerTest as test } from './fixtures';
import { insertApprovedComments } from './support/db';

test('approved comments are paged fifty at a time, oldest first', async ({ page, article, db, createPost, uid }) => {
  const post = await createPost();
  await insertApprovedComments(db, post.id, 55, uid);

  await article.goto(post.path);
  await expect(article.commentsHeading(`55 comments on “${post.title}”`)).toBeVisible();
  const comments = article.comments.getByRole('listitem');
  const pagers = article.comments.getByRole('navigation', { name: 'Comment pages' });
  // One pager above the list and one below it.
  await expect(pagers).toHaveCount(2);
  const pager = pagers.first();

  await expect(comments).toHaveCount(50);
  await expect(comments.first()).toContainText('Comment number 1.');
  await expect(comments.last()).toContainText('Comment number 50.');
  await expect(pager).toContainText('Page 1 of 2');
  await expect(pager.getByRole('link', { name: /Older comments/ })).toHaveCount(0);

  const newer = pager.getByRole('link', { name: /Newer comments/ });
  await expect(newer).toHaveAttribute('href', `${post.path}?cpage=2#comments`);
  await newer.click();
  await expect(page).toHaveURL(`${post.path}?cpage=2#comments`);
  await expect(comments).toHaveCount(5);
  await expect(comments.first()).toContainText('Comment number 51.');
  await expect(comments.last()).toContainText('Comment number 55.');
  await expect(pager).toContainText('Page 2 of 2');
  await expect(article.commentsHeading(`55 comments on “${post.title}”`)).toBeVisible();
  await expect(pager.getByRole('link', { name: /Newer comments/ })).toHaveCount(0);

  await pager.getByRole('link', { name: /Older comments/ }).click();
  await expect(page).toHaveURL(`${post.path}#comments`);
  await expect(comments).toHaveCount(50);
  await expect(comments.first()).toContainText('Comment number 1.');

  // A page past the end shows the last one.
  await article.goto(`${post.path}?cpage=9`);
  await expect(comments).toHaveCount(5);
  await expect(pager).toContainText('Page 2 of 2');
});

test('a new comment on a long thread lands on its last page', async ({ page, article, db, createPost, newAuthor, uid }) => {
  const post = await createPost();
  await insertApprovedComments(db, post.id, 55, uid);
  const ada = newAuthor();

  await article.goto(post.path);
  const id = await article.postComment({ body: 'Late to the party.', name: ada.name, email: ada.email });

  await expect(page).toHaveURL(`${post.path}?cpage=2#comment-${id}`);
  await expect(article.comment(id)).toContainText('Your comment is awaiting moderation.');
  // The five approved comments of page 2, then the reader's own held one.
  const comments = article.comments.getByRole('listitem');
  await expect(comments).toHaveCount(6);
  await expect(comments.last()).toHaveId(`comment-${id}`);
});
