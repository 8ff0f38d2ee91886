import type { Page } from '@playwright/test';
import type { ArticlePage } from '../support/article-page';
import { commentRow, commentStatus, disclosure, errorNotice, expect, notice, signIn, test, viewLink } from './admin-fixtures';

/** What an anonymous reader sees of one comment on the article. */
async function expectOnArticle(reader: ArticlePage, path: string, id: number, text: string, shown: boolean): Promise<void> {
  await reader.goto(path);
  if (shown) {
    await expect(reader.comment(id)).toContainText(text);
    await expect(reader.comment(id)).not.toContainText('awaiting moderation');
  } else {
    await expect(reader.comment(id)).toHaveCount(0);
    await expect(reader.page.getByText(text)).toHaveCount(0);
  }
}

async function act(page: Page, action: string, name: string): Promise<void> {
  await commentRow(page, name)
    .getByRole('button', { name: `${action} comment by ${name}`, exact: true })
    .click();
}

test('approve and unapprove: the comment appears on the article and goes again', async ({
  adminPage: page,
  otherReader,
  db,
  createPost,
  newAuthor,
  addComment,
}) => {
  const post = await createPost();
  const ada = newAuthor('Ada');
  const text = `Held until a moderator says so (${ada.name}).`;
  const id = await addComment(post.id, {
    authorName: ada.name,
    authorEmail: ada.email,
    authorUrl: ada.website,
    body: text,
    status: 'PENDING',
    ip: '203.0.113.9',
    userAgent: 'Lynx/2.9',
  });
  await expectOnArticle(otherReader, post.path, id, text, false);

  await page.goto(`/admin/comments?post=${post.id}`);
  const row = commentRow(page, ada.name);
  // Everything a moderator needs to judge it, the text shown as text.
  for (const detail of [ada.email, ada.website, '203.0.113.9', 'Lynx/2.9', text]) await expect(row).toContainText(detail);
  await expect(row.getByRole('link', { name: post.title })).toHaveAttribute('href', post.path);
  await expect(row.getByText('Pending', { exact: true })).toBeVisible();

  await act(page, 'Approve', ada.name);
  await expect(notice(page)).toHaveText('1 comment approved.');
  await expect(row.getByText('Approved', { exact: true })).toBeVisible();
  await expect(row.getByRole('button', { name: `Approve comment by ${ada.name}`, exact: true })).toHaveCount(0);
  expect(await commentStatus(db, id)).toBe('APPROVED');
  await expectOnArticle(otherReader, post.path, id, text, true);

  await act(page, 'Unapprove', ada.name);
  await expect(notice(page)).toHaveText('1 comment unapproved.');
  await expect(row.getByText('Pending', { exact: true })).toBeVisible();
  expect(await commentStatus(db, id)).toBe('PENDING');
  await expectOnArticle(otherReader, post.path, id, text, false);
});

test('spam and not spam move the comment to the Spam view and back to the queue', async ({
  adminPage: page,
  otherReader,
  db,
  createPost,
  newAuthor,
  addComment,
}) => {
  const post = await createPost();
  const bea = newAuthor('Bea');
  const text = `Approved, then doubted (${bea.name}).`;
  const id = await addComment(post.id, { authorName: bea.name, authorEmail: bea.email, body: text, status: 'APPROVED' });
  await expectOnArticle(otherReader, post.path, id, text, true);
  const row = commentRow(page, bea.name);

  await page.goto(`/admin/comments?post=${post.id}`);
  await act(page, 'Spam', bea.name);
  await expect(notice(page)).toHaveText('1 comment marked as spam.');
  await expect(row).toHaveCount(0); // "All" shows live comments only
  await expect(viewLink(page, 'Spam', 1)).toBeVisible();
  expect(await commentStatus(db, id)).toBe('SPAM');
  await expectOnArticle(otherReader, post.path, id, text, false);

  await viewLink(page, 'Spam', 1).click();
  await expect(page).toHaveURL(`/admin/comments?status=spam&post=${post.id}`);
  await expect(row.getByText('Spam', { exact: true })).toBeVisible();
  await act(page, 'Not spam', bea.name);
  await expect(notice(page)).toHaveText('1 comment restored from spam.');
  await expect(page).toHaveURL(new RegExp(`status=spam&post=${post.id}&notice=`));
  await expect(row).toHaveCount(0);
  await expect(viewLink(page, 'Pending', 1)).toBeVisible();
  // Back from spam it waits for a moderator again, as in WordPress.
  expect(await commentStatus(db, id)).toBe('PENDING');
  await expectOnArticle(otherReader, post.path, id, text, false);
});

test('trash and restore move the comment to the Trash view and back to the queue', async ({
  adminPage: page,
  otherReader,
  db,
  createPost,
  newAuthor,
  addComment,
}) => {
  const post = await createPost();
  const cy = newAuthor('Cy');
  const text = `Said, regretted (${cy.name}).`;
  const id = await addComment(post.id, { authorName: cy.name, authorEmail: cy.email, body: text, status: 'APPROVED' });
  await expectOnArticle(otherReader, post.path, id, text, true);
  const row = commentRow(page, cy.name);

  await page.goto(`/admin/comments?post=${post.id}`);
  await act(page, 'Trash', cy.name);
  await expect(notice(page)).toHaveText('1 comment moved to the Trash.');
  await expect(row).toHaveCount(0);
  expect(await commentStatus(db, id)).toBe('TRASH');
  await expectOnArticle(otherReader, post.path, id, text, false);

  await viewLink(page, 'Trash', 1).click();
  await expect(row.getByText('Trash', { exact: true })).toBeVisible();
  await act(page, 'Restore', cy.name);
  await expect(notice(page)).toHaveText('1 comment restored from the Trash.');
  await expect(viewLink(page, 'Trash', 0)).toBeVisible();
  await expect(viewLink(page, 'Pending', 1)).toBeVisible();
  expect(await commentStatus(db, id)).toBe('PENDING');
  await expectOnArticle(otherReader, post.path, id, text, false);
});

test('delete permanently asks first, and only from Spam or Trash', async ({ adminPage: page, db, createPost, newAuthor, addComment }) => {
  const post = await createPost();
  const cy = newAuthor('Cy');
  const dee = newAuthor('Dee');
  const live = newAuthor('Eve');
  const spamId = await addComment(post.id, { authorName: cy.name, authorEmail: cy.email, body: 'Buy now.', status: 'SPAM' });
  const trashId = await addComment(post.id, { authorName: dee.name, authorEmail: dee.email, body: 'Off topic.', status: 'TRASH' });
  await addComment(post.id, { authorName: live.name, authorEmail: live.email, body: 'A live one.', status: 'APPROVED' });

  await page.goto(`/admin/comments?post=${post.id}`);
  await expect(disclosure(commentRow(page, live.name), 'Delete permanently')).toHaveCount(0);

  await page.goto(`/admin/comments?status=spam&post=${post.id}`);
  const spamRow = commentRow(page, cy.name);
  const confirm = spamRow.getByRole('button', { name: 'Yes, delete permanently' });
  await expect(confirm).toBeHidden();
  await disclosure(spamRow, 'Delete permanently').click();
  await expect(spamRow).toContainText('Delete this comment for good? This cannot be undone.');
  await confirm.click();
  await expect(notice(page)).toHaveText('1 comment deleted permanently.');
  await expect(spamRow).toHaveCount(0);
  await expect(page.getByText('No comments found.')).toBeVisible();
  expect(await commentStatus(db, spamId)).toBeUndefined();

  await viewLink(page, 'Trash', 1).click();
  const trashRow = commentRow(page, dee.name);
  await disclosure(trashRow, 'Delete permanently').click();
  await trashRow.getByRole('button', { name: 'Yes, delete permanently' }).click();
  await expect(notice(page)).toHaveText('1 comment deleted permanently.');
  await expect(viewLink(page, 'Trash', 0)).toBeVisible();
  expect(await commentStatus(db, trashId)).toBeUndefined();
});

test('bulk approve and bulk trash act on the selected rows, and the counts follow', async ({
  adminPage: page,
  otherReader,
  db,
  createPost,
  newAuthor,
  addComment,
}) => {
  const post = await createPost();
  const [ada, bea, cy, dee] = [newAuthor('Ada'), newAuthor('Bea'), newAuthor('Cy'), newAuthor('Dee')];
  const ids: Record<string, number> = {};
  for (const [author, status] of [
    [ada, 'PENDING'],
    [bea, 'PENDING'],
    [cy, 'PENDING'],
    [dee, 'APPROVED'],
  ] as const) {
    ids[author.name] = await addComment(post.id, { authorName: author.name, authorEmail: author.email, body: `Words of ${author.name}.`, status });
  }
  const select = (name: string) => page.getByRole('checkbox', { name: `Select comment by ${name}`, exact: true }).check();
  const apply = async (action: string) => {
    await page.getByLabel('Bulk action').selectOption({ label: action });
    await page.getByRole('button', { name: 'Apply to selected' }).click();
  };
  const expectCounts = async (counts: [all: number, pending: number, approved: number, spam: number, trash: number]) => {
    const labels = ['All', 'Pending', 'Approved', 'Spam', 'Trash'] as const;
    for (const [i, label] of labels.entries()) await expect(viewLink(page, label, counts[i]!)).toBeVisible();
  };

  await page.goto(`/admin/comments?post=${post.id}`);
  await expectCounts([4, 3, 1, 0, 0]);

  await select(ada.name);
  await select(bea.name);
  await apply('Approve');
  await expect(notice(page)).toHaveText('2 comments approved.');
  await expectCounts([4, 1, 3, 0, 0]);
  expect(await commentStatus(db, ids[ada.name]!)).toBe('APPROVED');
  expect(await commentStatus(db, ids[bea.name]!)).toBe('APPROVED');
  expect(await commentStatus(db, ids[cy.name]!)).toBe('PENDING');
  await otherReader.goto(post.path);
  await expect(otherReader.commentsHeading(`3 comments on “${post.title}”`)).toBeVisible();

  // A row the action does not apply to is skipped, and the notice says so.
  await select(bea.name);
  await select(cy.name);
  await apply('Approve');
  await expect(notice(page)).toHaveText('1 comment approved. 1 skipped: they were changed meanwhile or the action does not apply to them.');
  await expectCounts([4, 0, 4, 0, 0]);

  await select(ada.name);
  await select(dee.name);
  await apply('Move to Trash');
  await expect(notice(page)).toHaveText('2 comments moved to the Trash.');
  await expectCounts([2, 0, 2, 0, 2]);
  await expect(commentRow(page, ada.name)).toHaveCount(0);
  await expect(commentRow(page, dee.name)).toHaveCount(0);
  expect(await commentStatus(db, ids[dee.name]!)).toBe('TRASH');
  await otherReader.goto(post.path);
  await expect(otherReader.commentsHeading(`2 comments on “${post.title}”`)).toBeVisible();
  await expect(otherReader.comment(ids[ada.name]!)).toHaveCount(0);
  await expect(otherReader.comment(ids[bea.name]!)).toBeVisible();

  // Nothing selected: nothing happens, and the admin is told why.
  await apply('Approve');
  await expect(errorNotice(page)).toHaveText('That request was not valid. Select at least one comment and an action.');
  await expectCounts([2, 0, 2, 0, 2]);
});

test('an admin sees the commenter’s email; the article never contains it', async ({ adminPage: page, otherReader, createPost, newAuthor, addComment }) => {
  const post = await createPost();
  const ada = newAuthor('Ada');
  const id = await addComment(post.id, {
    authorName: ada.name,
    authorEmail: ada.email,
    authorUrl: ada.website,
    body: 'Seen by all, emailed by none.',
    status: 'APPROVED',
  });

  await page.goto(`/admin/comments?post=${post.id}`);
  await expect(commentRow(page, ada.name)).toContainText(ada.email);

  await otherReader.goto(post.path);
  await expect(otherReader.comment(id)).toContainText('Seen by all, emailed by none.');
  expect(await otherReader.page.content()).not.toContain(ada.email);
  for (const headers of [{}, { RSC: '1' }] as Record<string, string>[]) {
    const response = await otherReader.page.request.get(post.path, { headers });
    expect(response.status()).toBe(200);
    const body = await response.text();
    expect(body).toContain('Seen by all, emailed by none.');
    expect(body).not.toContain(ada.email);
  }
});

test('two admins acting on one comment: the second is told, and the first one’s change stands', async ({
  adminPage: first,
  workerAdmin,
  newContext,
  createAdmin,
  db,
  createPost,
  newAuthor,
  addComment,
}) => {
  const post = await createPost();
  const ada = newAuthor('Ada');
  const id = await addComment(post.id, { authorName: ada.name, authorEmail: ada.email, body: 'Which of you decides?', status: 'PENDING' });
  const other = await createAdmin('Second');
  const second = await (await newContext()).newPage();
  await signIn(second, other);

  // Both see it pending.
  await first.goto(`/admin/comments?post=${post.id}`);
  await second.goto(`/admin/comments?post=${post.id}`);
  await act(first, 'Approve', ada.name);
  await expect(notice(first)).toHaveText('1 comment approved.');

  // The second admin's screen is stale: their "Spam" was meant for a pending comment.
  await act(second, 'Spam', ada.name);
  await expect(errorNotice(second)).toHaveText(
    'This comment was changed by someone else a moment ago. Its current state is shown now; please check it and try again.',
  );
  const row = commentRow(second, ada.name);
  await expect(row.getByText('Approved', { exact: true })).toBeVisible();
  await expect(row.getByRole('button', { name: `Unapprove comment by ${ada.name}` })).toBeVisible();
  expect(await commentStatus(db, id)).toBe('APPROVED');
  const { rows } = await db.query<{ adminEmail: string; action: string }>('SELECT "adminEmail", action FROM "AuditLog" WHERE "commentId" = $1', [id]);
  expect(rows).toEqual([{ adminEmail: workerAdmin.email, action: 'approve' }]);

  // Having looked again, the second admin can act.
  await act(second, 'Unapprove', ada.name);
  await expect(notice(second)).toHaveText('1 comment unapproved.');
  expect(await commentStatus(db, id)).toBe('PENDING');
});
