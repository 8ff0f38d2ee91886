import { commentRow, commentStatus, disclosure, errorNotice, expect, formHydrated, notice, test } from './admin-fixtures';

test('editing a comment changes what readers see', async ({ adminPage: page, otherReader, db, createPost, newAuthor, addComment }) => {
  const post = await createPost();
  const ada = newAuthor('Ada');
  const id = await addComment(post.id, { authorName: ada.name, authorEmail: ada.email, authorUrl: ada.website, body: 'Teh first draft.', status: 'APPROVED' });
  await otherReader.goto(post.path);
  await expect(otherReader.comment(id)).toContainText('Teh first draft.');

  await page.goto(`/admin/comments?post=${post.id}`);
  await commentRow(page, ada.name).getByRole('link', { name: 'Edit' }).click();
  await expect(page).toHaveURL(`/admin/comments/${id}/edit?returnTo=${encodeURIComponent(`/admin/comments?post=${post.id}`)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Edit comment' })).toBeVisible();
  await expect(page.getByText(`On “${post.title}”`)).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(ada.name);
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(ada.email);
  await expect(page.getByLabel('Website', { exact: true })).toHaveValue(ada.website);
  const text = page.getByLabel('Comment', { exact: true });
  await expect(text).toHaveValue('Teh first draft.');
  await formHydrated(text);

  await text.fill('The first draft, with the typo fixed.\n\nAnd a second paragraph.');
  await page.getByRole('button', { name: 'Update comment' }).click();
  await expect(page).toHaveURL(`/admin/comments?post=${post.id}&notice=edited`);
  await expect(notice(page)).toHaveText('Comment updated.');
  await expect(commentRow(page, ada.name)).toContainText('The first draft, with the typo fixed.');

  await otherReader.goto(post.path);
  const seen = otherReader.comment(id);
  await expect(seen).toContainText('The first draft, with the typo fixed.');
  await expect(seen.getByRole('paragraph').filter({ hasText: 'And a second paragraph.' })).toBeVisible();
  await expect(otherReader.page.getByText('Teh first draft.')).toHaveCount(0);
  expect(await commentStatus(db, id)).toBe('APPROVED');
});

test('an edit made on a stale copy is refused, and the invalid one explained', async ({ adminPage: page, db, createPost, newAuthor, addComment }) => {
  const post = await createPost();
  const ada = newAuthor('Ada');
  const id = await addComment(post.id, { authorName: ada.name, authorEmail: ada.email, body: 'Edit me carefully.', status: 'PENDING' });
  await page.goto(`/admin/comments/${id}/edit`);
  const text = page.getByLabel('Comment', { exact: true });
  await formHydrated(text);

  await text.fill('');
  await page.getByRole('button', { name: 'Update comment' }).click();
  await expect(errorNotice(page)).toHaveText('Please correct the fields marked below.');
  await expect(text).toHaveAttribute('aria-invalid', 'true');

  // Meanwhile someone else changes it (another admin's action bumps the version).
  await db.query(`UPDATE "Comment" SET status = 'APPROVED', version = version + 1 WHERE id = $1`, [id]);
  await text.fill('My edit of the old copy.');
  await page.getByRole('button', { name: 'Update comment' }).click();
  await expect(errorNotice(page)).toHaveText(
    'This comment was changed by someone else a moment ago. Its current state is shown now; please check it and try again.',
  );
  const { rows } = await db.query<{ body: string }>('SELECT body FROM "Comment" WHERE id = $1', [id]);
  expect(rows[0]!.body).toBe('Edit me carefully.');
});

test('a reply is published at once as the site’s reply', async ({ adminPage: page, otherReader, workerAdmin, db, createPost, newAuthor, addComment }) => {
  const post = await createPost();
  const ada = newAuthor('Ada');
  const parentId = await addComment(post.id, { authorName: ada.name, authorEmail: ada.email, body: 'Does anyone read these?', status: 'APPROVED' });

  await page.goto(`/admin/comments?post=${post.id}`);
  const row = commentRow(page, ada.name);
  await disclosure(row, 'Reply').click();
  await row.getByLabel(`Your reply to ${ada.name}`).fill('We do, every one of them.');
  await row.getByRole('button', { name: 'Reply', exact: true }).click();
  await expect(notice(page)).toHaveText('Reply published.');
  await expect(commentRow(page, `${workerAdmin.name} Site reply`)).toContainText('We do, every one of them.');

  const { rows } = await db.query<{ id: number; status: string; isAdminReply: boolean; authorName: string }>(
    'SELECT id, status, "isAdminReply", "authorName" FROM "Comment" WHERE "parentId" = $1',
    [parentId],
  );
  expect(rows).toEqual([{ id: expect.any(Number), status: 'APPROVED', isAdminReply: true, authorName: workerAdmin.name }]);

  await otherReader.goto(post.path);
  await expect(otherReader.commentsHeading(`2 comments on “${post.title}”`)).toBeVisible();
  const reply = otherReader.comment(rows[0]!.id);
  await expect(reply).toContainText('We do, every one of them.');
  await expect(reply.getByText('Site reply', { exact: true })).toBeVisible();
  await expect(reply).toContainText(workerAdmin.name);
  // Nested under the comment it answers (threads), so no "In reply to" note is needed.
  await expect(otherReader.page.locator(`li#comment-${parentId} > ol.children > li#comment-${rows[0]!.id}`)).toBeVisible();
  await expect(reply.getByRole('link', { name: /^In reply to/ })).toHaveCount(0);
  // The admin's email is as private as anyone's.
  expect(await otherReader.page.content()).not.toContain(workerAdmin.email);
});

test('replying to a held comment approves it too', async ({ adminPage: page, otherReader, db, createPost, newAuthor, addComment }) => {
  const post = await createPost();
  const bea = newAuthor('Bea');
  const parentId = await addComment(post.id, { authorName: bea.name, authorEmail: bea.email, body: 'First time here.', status: 'PENDING' });

  await page.goto(`/admin/comments?post=${post.id}`);
  const row = commentRow(page, bea.name);
  await disclosure(row, 'Reply').click();
  await row.getByLabel(`Your reply to ${bea.name}`).fill('Welcome!');
  await row.getByRole('button', { name: 'Approve and reply' }).click();
  await expect(notice(page)).toHaveText('Reply published.');
  await expect(row.getByText('Approved', { exact: true })).toBeVisible();
  expect(await commentStatus(db, parentId)).toBe('APPROVED');

  await otherReader.goto(post.path);
  await expect(otherReader.comment(parentId)).toContainText('First time here.');
  await expect(otherReader.page.getByText('Welcome!')).toBeVisible();
  await expect(otherReader.commentsHeading(`2 comments on “${post.title}”`)).toBeVisible();
});
