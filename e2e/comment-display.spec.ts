import { expect, readerTest as test } from './fixtures';
import type { ArticlePage } from './support/article-page';
import { setCommentStatus } from './support/db';

const HTML_BODY = '<b>bold</b>\n<script>window.__xss=1</script>';

async function expectShownAsText(reader: ArticlePage, id: number): Promise<void> {
  const comment = reader.comment(id);
  await expect(comment).toContainText('<b>bold</b>');
  await expect(comment).toContainText('<script>window.__xss=1</script>');
  await expect(comment.locator('b, script, i')).toHaveCount(0);
  expect(await reader.page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
}

test('comment text and names are shown as text, never run as HTML', async ({ article, otherReader, db, createPost, newAuthor }) => {
  const post = await createPost();
  const ada = newAuthor();
  const name = `<i>${ada.name}</i>`;
  await article.goto(post.path);

  const id = await article.postComment({ body: HTML_BODY, name, email: ada.email });
  // Its author sees it after a client-side navigation (rendered from the RSC payload)…
  await expectShownAsText(article, id);
  await expect(article.comment(id)).toContainText(name);

  // …and another reader in server-rendered HTML, where it must arrive escaped.
  await setCommentStatus(db, id, 'APPROVED');
  const response = await otherReader.goto(post.path);
  const html = (await response?.text()) ?? '';
  expect(html).not.toContain('<script>window.__xss=1</script>');
  expect(html).not.toContain('<b>bold</b>');
  await expectShownAsText(otherReader, id);
  await expect(otherReader.comment(id)).toContainText(name);
});

test('line breaks and paragraphs of a comment are kept', async ({ article, createPost, newAuthor }) => {
  const post = await createPost();
  const ada = newAuthor();
  await article.goto(post.path);

  const id = await article.postComment({ body: 'Roses are red,\nviolets are blue.\n\n\nA second paragraph.', name: ada.name, email: ada.email });

  const paragraphs = article
    .comment(id)
    .locator('p')
    .filter({ hasText: /Roses are red|A second paragraph/ });
  await expect(paragraphs).toHaveCount(2);
  await expect(paragraphs.nth(0).locator('br')).toHaveCount(1);
  expect(await paragraphs.nth(0).innerText()).toBe('Roses are red,\nviolets are blue.');
  await expect(paragraphs.nth(1)).toHaveText('A second paragraph.');
});
