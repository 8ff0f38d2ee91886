import { commentRow, disclosure, expect, notice, signIn, test, viewLink } from './admin-fixtures';

test('the audit log records who did what to which comment, newest first', async ({ newContext, createAdmin, db, createPost, newAuthor, addComment }) => {
  const post = await createPost();
  const ada = newAuthor('Ada');
  const id = await addComment(post.id, { authorName: ada.name, authorEmail: ada.email, body: 'Audit me.', status: 'PENDING' });
  // An admin of this test only, so their rows are easy to tell from other tests'.
  const admin = await createAdmin('Auditor');
  const page = await (await newContext()).newPage();
  await signIn(page, admin);

  await page.goto(`/admin/comments?post=${post.id}`);
  const row = commentRow(page, ada.name);
  await row.getByRole('button', { name: `Approve comment by ${ada.name}`, exact: true }).click();
  await expect(notice(page)).toHaveText('1 comment approved.');

  await row.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Comment', { exact: true }).fill('Audit me, edited.');
  await page.getByRole('button', { name: 'Update comment' }).click();
  await expect(notice(page)).toHaveText('Comment updated.');

  await disclosure(row, 'Reply').click();
  await row.getByLabel(`Your reply to ${ada.name}`).fill('Noted.');
  await row.getByRole('button', { name: 'Reply', exact: true }).click();
  await expect(notice(page)).toHaveText('Reply published.');
  const { rows: replies } = await db.query<{ id: number }>('SELECT id FROM "Comment" WHERE "parentId" = $1', [id]);

  await row.getByRole('button', { name: `Spam comment by ${ada.name}`, exact: true }).click();
  await expect(notice(page)).toHaveText('1 comment marked as spam.');
  await viewLink(page, 'Spam', 1).click();
  await disclosure(row, 'Delete permanently').click();
  await row.getByRole('button', { name: 'Yes, delete permanently' }).click();
  await expect(notice(page)).toHaveText('1 comment deleted permanently.');

  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  for (const header of ['When', 'Who', 'Action', 'Comment', 'From', 'To', 'Detail'])
    await expect(page.getByRole('columnheader', { name: header })).toBeVisible();
  const mine = page.getByRole('row').filter({ hasText: admin.email });
  const expected = [
    ['delete', `#${id}`, 'SPAM', 'deleted', ''],
    ['spam', `#${id}`, 'APPROVED', 'SPAM', ''],
    ['reply', `#${replies[0]!.id}`, '—', 'APPROVED', `In reply to comment ${id}`],
    ['edit', `#${id}`, 'APPROVED', 'APPROVED', ''],
    ['approve', `#${id}`, 'PENDING', 'APPROVED', ''],
  ];
  await expect(mine).toHaveCount(expected.length);
  for (const [i, cells] of expected.entries()) {
    await expect(mine.nth(i).getByRole('cell')).toHaveText([/\d/, admin.email, ...cells]);
  }
});

test('opening and closing comments on a post is in the audit log too', async ({ newContext, createAdmin, createPost }) => {
  const post = await createPost();
  const admin = await createAdmin('Closer');
  const page = await (await newContext()).newPage();
  await signIn(page, admin);

  await page.goto('/admin/posts');
  await page.getByRole('button', { name: `Close comments on ${post.title}` }).click();
  await expect(page.getByRole('button', { name: `Open comments on ${post.title}` })).toBeVisible();
  await page.getByRole('button', { name: `Open comments on ${post.title}` }).click();
  await expect(page.getByRole('button', { name: `Close comments on ${post.title}` })).toBeVisible();

  await page.goto('/admin/audit');
  const mine = page.getByRole('row').filter({ hasText: admin.email });
  await expect(mine).toHaveCount(2);
  await expect(mine.nth(0).getByRole('cell')).toHaveText([/\d/, admin.email, 'openComments', '—', '—', '—', '']);
  await expect(mine.nth(1).getByRole('cell')).toHaveText([/\d/, admin.email, 'closeComments', '—', '—', '—', '']);
});
