import { commentStatus, disclosure, expect, notice, test, viewLink } from './admin-fixtures';

// "Empty Spam" and "Empty Trash" delete what the view showed (its post and search filters), and on an unfiltered view
// every comment in that bin site-wide: admin tests holding spam or trash wait while these run (site lock).
test.use({ siteLock: 'exclusive' });

for (const bin of [
  { status: 'SPAM', view: 'spam', label: 'Spam', summary: 'Empty Spam', where: 'Spam' },
  { status: 'TRASH', view: 'trash', label: 'Trash', summary: 'Empty Trash', where: 'the Trash' },
] as const) {
  test(`${bin.summary} deletes the comments in it, after asking, and nothing else`, async ({ adminPage: page, db, createPost, newAuthor, addComment }) => {
    const post = await createPost();
    const [ada, bea, cy] = [newAuthor('Ada'), newAuthor('Bea'), newAuthor('Cy')];
    const binned = [
      await addComment(post.id, { authorName: ada.name, authorEmail: ada.email, body: 'Binned one.', status: bin.status }),
      await addComment(post.id, { authorName: bea.name, authorEmail: bea.email, body: 'Binned two.', status: bin.status }),
    ];
    const kept = await addComment(post.id, { authorName: cy.name, authorEmail: cy.email, body: 'I stay.', status: 'PENDING' });

    await page.goto(`/admin/comments?post=${post.id}`);
    await expect(disclosure(page, bin.summary)).toHaveCount(0); // only in its own view

    await viewLink(page, bin.label, 2).click();
    const confirm = page.getByRole('button', { name: 'Yes, delete them permanently' });
    await expect(confirm).toBeHidden();
    await disclosure(page, bin.summary).click();
    await expect(page.getByText(`Permanently delete all 2 comments in ${bin.where}? This cannot be undone.`)).toBeVisible();
    await confirm.click();

    // Site-wide, so the count may include other posts' comments (see the report).
    await expect(notice(page)).toHaveText(/^\d+ comments? deleted permanently\.$/);
    await expect(viewLink(page, bin.label, 0)).toBeVisible();
    await expect(page.getByText('No comments found.')).toBeVisible();
    await expect(disclosure(page, bin.summary)).toHaveCount(0);
    for (const id of binned) expect(await commentStatus(db, id)).toBeUndefined();
    expect(await commentStatus(db, kept)).toBe('PENDING');
    await expect(viewLink(page, 'Pending', 1)).toBeVisible();
  });
}
