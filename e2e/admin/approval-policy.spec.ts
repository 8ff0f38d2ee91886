import type { Page } from '@playwright/test';
import { commentStatus, expect, notice, test } from './admin-fixtures';

// The approval policy applies to every new comment on the site. While one of these tests runs, a
// comment posted by any other test would be judged by it: admin tests wait for it (site lock), and
// the reader specs must not run at the same time (see the report: a project that runs this file last).
test.use({ siteLock: 'exclusive' });

async function choosePolicy(page: Page, policy: string): Promise<void> {
  await page.goto('/admin/settings');
  await page.getByRole('radio', { name: policy, exact: true }).check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(notice(page)).toHaveText('Settings saved.');
  await page.reload();
  await expect(page.getByRole('radio', { name: policy, exact: true })).toBeChecked();
}

test('“hold every comment” holds even an author approved before', async ({
  adminPage: page,
  postAsReader,
  otherReader,
  addComment,
  db,
  createPost,
  newAuthor,
}) => {
  const post = await createPost();
  const ada = newAuthor('Ada');
  await addComment(post.id, {
    authorName: ada.name,
    authorEmail: ada.email,
    body: 'Approved long ago.',
    status: 'APPROVED',
    createdAt: new Date(Date.now() - 60_000),
  });
  await choosePolicy(page, 'Hold every comment for moderation');

  const { reader, id } = await postAsReader(post.path, { body: 'Back again.', name: ada.name, email: ada.email });
  await expect(reader.comment(id)).toContainText('Your comment is awaiting moderation.');
  expect(await commentStatus(db, id)).toBe('PENDING');
  await otherReader.goto(post.path);
  await expect(otherReader.commentsHeading(`1 comment on “${post.title}”`)).toBeVisible();
  await expect(otherReader.comment(id)).toHaveCount(0);
});

test('“approve every comment” shows a newcomer’s comment to everyone at once', async ({
  adminPage: page,
  postAsReader,
  otherReader,
  db,
  createPost,
  newAuthor,
}) => {
  const post = await createPost();
  const newcomer = newAuthor('Newcomer');
  await choosePolicy(page, 'Approve every comment at once');

  const { reader, id } = await postAsReader(post.path, { body: 'My very first comment.', name: newcomer.name, email: newcomer.email });
  expect(await commentStatus(db, id)).toBe('APPROVED');
  await expect(reader.comment(id)).toContainText('My very first comment.');
  await expect(reader.comment(id)).not.toContainText('awaiting moderation');
  await otherReader.goto(post.path);
  await expect(otherReader.comment(id)).toContainText('My very first comment.');
});

test('“previously approved author” holds a newcomer and lets a known author through', async ({
  adminPage: page,
  postAsReader,
  addComment,
  db,
  createPost,
  newAuthor,
}) => {
  const post = await createPost();
  const known = newAuthor('Known');
  const newcomer = newAuthor('Newcomer');
  await addComment(post.id, {
    authorName: known.name,
    authorEmail: known.email,
    body: 'Approved before.',
    status: 'APPROVED',
    createdAt: new Date(Date.now() - 60_000),
  });
  await choosePolicy(page, 'Comment author must have a previously approved comment');

  const held = await postAsReader(post.path, { body: 'Hello, I am new.', name: newcomer.name, email: newcomer.email });
  expect(await commentStatus(db, held.id)).toBe('PENDING');
  const through = await postAsReader(post.path, { body: 'Hello again.', name: known.name, email: known.email });
  expect(await commentStatus(db, through.id)).toBe('APPROVED');
});
