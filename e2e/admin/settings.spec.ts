import type { Page } from '@playwright/test';
import { commentRow, commentStatus, expect, notice, test } from './admin-fixtures';

/** Opens the discussion settings, lets `change` edit the form, saves, and checks the save stuck. */
async function saveSettings(page: Page, change: (page: Page) => Promise<void>): Promise<void> {
  await page.goto('/admin/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Discussion settings' })).toBeVisible();
  await change(page);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(notice(page)).toHaveText('Settings saved.');
}

const moderationWords = (page: Page) => page.getByLabel(/^Comment moderation: hold a comment containing any of these words/);
const disallowedWords = (page: Page) => page.getByLabel(/^Disallowed comment keys: send a comment containing any of these to spam/);
// One author posts twice in a row below, faster than the flood interval allows the same email.
const floodInterval = (page: Page) => page.getByLabel(/^At most one comment per this many seconds/);
const holdLinkCount = (page: Page) => page.getByLabel('Hold a comment in the queue if it contains this many links or more (0: never)');

test.describe('word lists and the link limit', () => {
  // The settings are one row for the whole site: these tests save it, so they run one at a time
  // (with the words unique to the test, so nobody else's comments are judged by them).
  test.use({ siteLock: 'exclusive' });

  test('a comment with a disallowed word goes straight to Spam', async ({ adminPage: page, postAsReader, otherReader, db, createPost, newAuthor, uid }) => {
    const post = await createPost();
    const ada = newAuthor('Ada');
    const word = `viagra-${uid}`;
    await saveSettings(page, async () => {
      await disallowedWords(page).fill(`some-other-word\n${word.toUpperCase()}`);
    });
    await page.reload();
    await expect(disallowedWords(page)).toHaveValue(`some-other-word\n${word.toUpperCase()}`);

    const { reader, id } = await postAsReader(post.path, { body: `Cheap ${word} here.`, name: ada.name, email: ada.email });
    expect(await commentStatus(db, id)).toBe('SPAM');
    // Its author is not told, and nobody sees it.
    await expect(reader.comment(id)).toHaveCount(0);
    await otherReader.goto(post.path);
    await expect(otherReader.commentsHeading('No comments yet')).toBeVisible();

    await page.goto(`/admin/comments?status=spam&post=${post.id}`);
    await expect(commentRow(page, ada.name)).toContainText(`Cheap ${word} here.`);
  });

  test('a moderation word holds a comment that would otherwise be approved', async ({
    adminPage: page,
    postAsReader,
    addComment,
    db,
    createPost,
    newAuthor,
    uid,
  }) => {
    const post = await createPost();
    const ada = newAuthor('Ada');
    await addComment(post.id, {
      authorName: ada.name,
      authorEmail: ada.email,
      body: 'My approved first.',
      status: 'APPROVED',
      createdAt: new Date(Date.now() - 60_000),
    });
    const word = `hold-me-${uid}`;
    await saveSettings(page, async () => {
      await moderationWords(page).fill(word);
      await floodInterval(page).fill('0');
    });

    // Without the word: straight through, as the author was approved before.
    const plain = await postAsReader(post.path, { body: 'Nothing to see.', name: ada.name, email: ada.email });
    expect(await commentStatus(db, plain.id)).toBe('APPROVED');

    const held = await postAsReader(post.path, { body: `Something to ${word.toUpperCase()}.`, name: ada.name, email: ada.email });
    await expect(held.reader.comment(held.id)).toContainText('Your comment is awaiting moderation.');
    expect(await commentStatus(db, held.id)).toBe('PENDING');

    await page.goto(`/admin/comments?status=pending&post=${post.id}`);
    await expect(commentRow(page, ada.name)).toContainText(`Something to ${word.toUpperCase()}.`);
  });

  test('a comment with as many links as the limit is held', async ({ adminPage: page, postAsReader, addComment, db, createPost, newAuthor }) => {
    const post = await createPost();
    const bea = newAuthor('Bea');
    await addComment(post.id, {
      authorName: bea.name,
      authorEmail: bea.email,
      body: 'Approved before.',
      status: 'APPROVED',
      createdAt: new Date(Date.now() - 60_000),
    });
    await saveSettings(page, async () => {
      await holdLinkCount(page).fill('2');
      await floodInterval(page).fill('0');
    });

    const one = await postAsReader(post.path, { body: 'See https://example.org/a for more.', name: bea.name, email: bea.email });
    expect(await commentStatus(db, one.id)).toBe('APPROVED');

    const two = await postAsReader(post.path, { body: 'See https://example.org/a and http://example.org/b.', name: bea.name, email: bea.email });
    await expect(two.reader.comment(two.id)).toContainText('Your comment is awaiting moderation.');
    expect(await commentStatus(db, two.id)).toBe('PENDING');
  });

  test('an invalid value is explained and nothing is saved', async ({ adminPage: page, db }) => {
    const before = await db.query('SELECT * FROM "DiscussionSettings"');
    await page.goto('/admin/settings');
    await holdLinkCount(page).fill('-1');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('Please correct the fields marked below.');
    await expect(holdLinkCount(page)).toHaveAccessibleDescription('Use 0 or more.');
    await expect(holdLinkCount(page)).toHaveValue('-1');
    expect((await db.query('SELECT * FROM "DiscussionSettings"')).rows).toEqual(before.rows);
  });
});

test('closing comments on a post in Posts closes the article’s form', async ({ adminPage: page, article, db, createPost }) => {
  const post = await createPost();
  await page.goto('/admin/posts');
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: post.title, exact: true }) });
  await expect(row).toContainText('Open');

  await row.getByRole('button', { name: `Close comments on ${post.title}` }).click();
  await expect(row.getByRole('button', { name: `Open comments on ${post.title}` })).toBeVisible();
  await expect(row).toContainText('Closed');
  const { rows } = await db.query<{ commentsOpen: boolean }>('SELECT "commentsOpen" FROM "Post" WHERE id = $1', [post.id]);
  expect(rows[0]!.commentsOpen).toBe(false);

  await article.goto(post.path);
  await expect(article.page.getByText('Comments are closed.', { exact: true })).toBeVisible();
  await expect(article.form).toHaveCount(0);

  await row.getByRole('button', { name: `Open comments on ${post.title}` }).click();
  await expect(row.getByRole('button', { name: `Close comments on ${post.title}` })).toBeVisible();
  await article.page.reload();
  await expect(article.form).toBeVisible();
});
