import type { Locator } from '@playwright/test';
import { expect, readerTest as test } from './fixtures';
import type { ArticlePage, CommentValues } from './support/article-page';
import { countComments } from './support/db';

type Field = 'body' | 'name' | 'email' | 'website';

/** One mistake each, on top of an otherwise valid comment. */
const cases: { title: string; values: CommentValues; field: Field; message: string }[] = [
  { title: 'an empty comment', values: { body: '   ' }, field: 'body', message: 'Please type your comment.' },
  { title: 'a missing name', values: { name: '' }, field: 'name', message: 'Please enter your name.' },
  { title: 'a missing email', values: { email: '' }, field: 'email', message: 'Please enter your email address.' },
  { title: 'an invalid email', values: { email: 'ada-at-example' }, field: 'email', message: 'Please enter a valid email address.' },
  {
    title: 'a javascript: website',
    values: { website: 'javascript:alert(1)' },
    field: 'website',
    message: 'Please enter a website address starting with http:// or https://.',
  },
  {
    title: 'an ftp:// website',
    values: { website: 'ftp://x' },
    field: 'website',
    message: 'Please enter a website address starting with http:// or https://.',
  },
];

const fields: Field[] = ['body', 'name', 'email', 'website'];

function fieldOf(article: ArticlePage, field: Field): Locator {
  return article[field];
}

async function expectValid(field: Locator): Promise<void> {
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
}

test.describe('with JavaScript', () => {
  for (const { title, values, field, message } of cases) {
    test(`${title} is refused in the browser, text kept and focus on the field`, async ({ article, db, createPost, newAuthor }) => {
      const post = await createPost();
      const ada = newAuthor();
      const typed = { body: 'My considered comment.', name: ada.name, email: ada.email, website: ada.website, ...values };
      await article.goto(post.path);
      await article.fill(typed);
      await article.submit.click();

      const invalid = fieldOf(article, field);
      await expect(invalid).toBeFocused();
      await expect(invalid).toHaveAttribute('aria-invalid', 'true');
      await expect(invalid).toHaveAccessibleDescription(message);
      for (const other of fields.filter((f) => f !== field)) await expectValid(fieldOf(article, other));
      for (const f of fields) await expect(fieldOf(article, f)).toHaveValue(typed[f]);

      await expect(article.page).toHaveURL(post.path);
      expect(await countComments(db, post.id)).toBe(0);
    });
  }

  test('an empty form flags every required field and focuses the comment', async ({ article, createPost }) => {
    const post = await createPost();
    await article.goto(post.path);
    await article.website.fill('ftp://x');
    await article.submit.click();

    await expect(article.body).toBeFocused();
    await expect(article.body).toHaveAccessibleDescription('Please type your comment.');
    await expect(article.name).toHaveAccessibleDescription('Please enter your name.');
    await expect(article.email).toHaveAccessibleDescription('Please enter your email address.');
    await expect(article.website).toHaveAccessibleDescription('Please enter a website address starting with http:// or https://.');
    await expect(article.website).toHaveValue('ftp://x');
  });

  test('a flagged field clears once it is corrected', async ({ article, createPost, newAuthor }) => {
    const post = await createPost();
    const ada = newAuthor();
    await article.goto(post.path);
    await article.fill({ body: 'Fine.', email: ada.email });
    await article.submit.click();
    await expect(article.name).toBeFocused();
    await expect(article.name).toHaveAccessibleDescription('Please enter your name.');

    await article.name.pressSequentially('Ada');
    await expectValid(article.name);
    await expect(article.page.getByText('Please enter your name.')).toHaveCount(0);
    // The email field is described by the privacy note again.
    await expect(article.email).toHaveAccessibleDescription(/Your email address will not be published/);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  for (const { title, values, field, message } of cases) {
    test(`${title} is refused by the server with its message`, async ({ article, db, createPost, newAuthor }) => {
      const post = await createPost();
      const ada = newAuthor();
      const typed = { body: 'My considered comment.', name: ada.name, email: ada.email, website: ada.website, ...values };
      await article.goto(post.path);
      await article.fill(typed);
      const [response] = await Promise.all([article.page.waitForResponse((r) => r.request().method() === 'POST'), article.submit.click()]);
      await article.page.waitForLoadState();

      await expect(article.form.getByRole('alert')).toHaveText('Please correct the fields marked below.');
      const invalid = fieldOf(article, field);
      await expect(invalid).toHaveAttribute('aria-invalid', 'true');
      await expect(invalid).toHaveAccessibleDescription(message);
      for (const other of fields.filter((f) => f !== field)) await expectValid(fieldOf(article, other));
      // What was typed comes back, except the email, which the server never sends back.
      await expect(article.body).toHaveValue(typed.body);
      await expect(article.name).toHaveValue(typed.name);
      await expect(article.website).toHaveValue(typed.website);
      expect(await response.text()).not.toContain(ada.email);

      // The form posts to its own page at the form (#respond), so the refusal is shown where it was typed.
      await expect(article.page).toHaveURL(`${post.path}#respond`);
      expect(await countComments(db, post.id)).toBe(0);
    });
  }
});
