import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { commentRow, expect, test, viewLink } from './admin-fixtures';

async function search(page: Page, q: string): Promise<void> {
  await page.getByLabel('Search comments').fill(q);
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(q).replace(/%20/g, '\\+')}`));
}

/** Only these authors' rows are listed (and the "All" count agrees). */
async function expectListed(page: Page, shown: string[], hidden: string[]): Promise<void> {
  for (const name of shown) await expect(commentRow(page, name)).toBeVisible();
  for (const name of hidden) await expect(commentRow(page, name)).toHaveCount(0);
  await expect(viewLink(page, 'All', shown.length)).toBeVisible();
}

test('search finds comments by email, address, text, name and website; the post filter narrows them', async ({
  adminPage: page,
  createPost,
  newAuthor,
  addComment,
  uid,
}) => {
  const [first, second] = [await createPost(), await createPost()];
  const [ada, bea, cy] = [newAuthor('Ada'), newAuthor('Bea'), newAuthor('Cy')];
  const b = randomBytes(2);
  const sharedIp = `198.18.${b[0]}.${b[1]}`; // no other test uses 198.18.0.0/15
  const word = `quokka${uid.replace(/-/g, '')}`;
  await addComment(first.id, { authorName: ada.name, authorEmail: ada.email, body: 'Plain words.', status: 'PENDING', ip: sharedIp });
  await addComment(first.id, {
    authorName: bea.name,
    authorEmail: bea.email,
    authorUrl: `https://${word}.example.net/`,
    body: `I saw a ${word.toUpperCase()} today.`,
    status: 'APPROVED',
    ip: '192.0.2.44',
  });
  await addComment(second.id, { authorName: cy.name, authorEmail: cy.email, body: 'Elsewhere.', status: 'APPROVED', ip: sharedIp });
  const everyone = [ada.name, bea.name, cy.name];
  const others = (...shown: string[]) => everyone.filter((n) => !shown.includes(n));

  // Starts filtered to this test's comments: see the note in signIn() (admin-fixtures.ts).
  await page.goto(`/admin/comments?q=${uid}`);
  await search(page, ada.email.toUpperCase()); // case does not matter
  await expectListed(page, [ada.name], others(ada.name));
  await expect(page.getByLabel('Search comments')).toHaveValue(ada.email.toUpperCase());

  await search(page, sharedIp);
  await expectListed(page, [ada.name, cy.name], others(ada.name, cy.name));

  await search(page, word);
  await expectListed(page, [bea.name], others(bea.name));
  await expect(commentRow(page, bea.name)).toContainText(`I saw a ${word.toUpperCase()} today.`);

  await search(page, cy.name);
  await expectListed(page, [cy.name], others(cy.name));

  await search(page, `${word}.example.net`);
  await expectListed(page, [bea.name], others(bea.name));

  // The post filter: on its own, then with a search.
  await page.goto(`/admin/comments?q=${uid}`);
  await page.getByLabel('Search comments').fill('');
  await page.getByLabel('Post', { exact: true }).selectOption({ label: second.title });
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]post=${second.id}`));
  await expectListed(page, [cy.name], others(cy.name));

  await page.getByLabel('Post', { exact: true }).selectOption({ label: first.title });
  await search(page, sharedIp);
  await expectListed(page, [ada.name], others(ada.name));

  // Views keep the filters: the pending view of the first post, searched by address.
  await viewLink(page, 'Pending', 1).click();
  await expect(page).toHaveURL(new RegExp(`status=pending&post=${first.id}&q=`));
  await expect(commentRow(page, ada.name)).toBeVisible();
  await search(page, 'nothing-matches-this-' + uid);
  await expect(page.getByText('No comments found.')).toBeVisible();
});
