import type { APIResponse, Page } from '@playwright/test';
import { expect, openCommentForm, postRawComment, test, waitOutFillTime, type RawCommentForm } from './attack/attack-fixtures';
import { moveToNewAddress, type Author } from './fixtures';
import type { ArticlePage } from './support/article-page';
import { countComments, insertApprovedComments, insertComment, insertReply, setCommentStatus, threadPlace, type CommentStatus } from './support/db';
import type pg from 'pg';

/**
 * Threads (issue #11): replies nest under what they answer, with JavaScript (the form moves under the
 * comment) and without it (WordPress's ?replytocom= page), the server refuses replies it must not
 * take, and a comment's permalink finds its page.
 */

const MESSAGES = {
  held: 'You can only reply to a published comment.',
  missing: 'The comment you are replying to could not be found on this article.',
  tooDeep: 'This conversation is nested as deep as it goes: reply to an earlier comment in it instead.',
  off: 'Replies are turned off here: leave a comment of your own below.',
  emailAgain: 'Please type your email address again: for your privacy it is never sent back to the page.',
};

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

/** An approved comment by `author`, `age` minutes old (so later comments and replies follow it). */
function approved(db: pg.Pool, postId: number, author: Author, body: string, age = 10): Promise<number> {
  return insertComment(db, postId, { authorName: author.name, authorEmail: author.email, body, status: 'APPROVED', createdAt: minutesAgo(age) });
}

function reply(db: pg.Pool, parentId: number, author: Author, body: string, age: number, status: CommentStatus = 'APPROVED'): Promise<number> {
  return insertReply(db, parentId, { authorName: author.name, authorEmail: author.email, body, status, createdAt: minutesAgo(age) });
}

/** The reply `childId` is shown in the list of replies right under `parentId`. */
function nestedUnder(page: Page, parentId: number, childId: number) {
  return page.locator(`li#comment-${parentId} > ol.children > li#comment-${childId}`);
}

/** The form sits at its home, after the comment list (not under a comment). */
function formAtHome(page: Page) {
  return page.locator('#comments .respond-home > #respond');
}

/** Posts the no-JavaScript form of `form` with another parentId than the page gave it. */
function postReplyTo(
  http: Parameters<typeof postRawComment>[0],
  origin: string,
  form: RawCommentForm,
  parentId: number | string,
  author: Author,
): Promise<APIResponse> {
  return postRawComment(
    http,
    origin,
    { ...form, fields: { ...form.fields, parentId: String(parentId) } },
    { body: `A reply to ${parentId}.`, authorName: author.name, authorEmail: author.email },
  );
}

/**
 * The page a refused no-JavaScript post gets back shows `message` as text: not only in the RSC payload's
 * scripts or the action state React keeps in the form's hidden fields.
 */
async function expectRefusedWith(response: APIResponse, message: string): Promise<void> {
  expect(response.status(), `refused with "${message}"`).toBe(200);
  const shown = (await response.text()).replace(/<script\b[\s\S]*?<\/script>/g, '').replace(/<[^>]*>/g, '');
  expect(shown).toContain(message);
}

/** Submits the form without JavaScript and waits for the page the server answers with; returns its HTML. */
async function submitWithoutJavaScript(article: ArticlePage): Promise<string> {
  const [response] = await Promise.all([article.page.waitForResponse((r) => r.request().method() === 'POST'), article.submit.click()]);
  await article.page.waitForLoadState();
  return response.text();
}

test.describe('with JavaScript', () => {
  test('Reply moves the form under the comment with what was typed; Escape and “Cancel reply” put it back', async ({
    page,
    article,
    db,
    createPost,
    newAuthor,
  }) => {
    const post = await createPost();
    const bea = newAuthor('Bea');
    const beaId = await approved(db, post.id, bea, 'Anyone agree?');
    await article.goto(post.path);
    await expect(article.formHeading).toHaveText('Leave a comment');
    await article.body.fill('Typed before choosing whom to answer.');

    const replyLink = article.replyLink(beaId);
    await expect(replyLink).toHaveAccessibleName(`Reply to ${bea.name}`);
    await replyLink.click();
    await expect(article.comment(beaId).locator('#respond')).toBeVisible();
    await expect(formAtHome(page)).toHaveCount(0);
    await expect(article.formHeading).toHaveText(new RegExp(`^Leave a Reply to ${bea.name}\\s+Cancel reply$`));
    await expect(article.form).toHaveAccessibleName(new RegExp(`^Leave a Reply to ${bea.name}`));
    await expect(article.body).toBeFocused();
    await expect(article.body).toHaveValue('Typed before choosing whom to answer.');
    // It is still a plain click on a link: the address does not change.
    await expect(page).toHaveURL(post.path);

    await page.keyboard.press('Escape');
    await expect(formAtHome(page)).toBeVisible();
    await expect(article.comment(beaId).locator('#respond')).toHaveCount(0);
    await expect(article.formHeading).toHaveText('Leave a comment');
    await expect(article.cancelReply).toHaveCount(0);
    await expect(replyLink).toBeFocused();
    await expect(article.body).toHaveValue('Typed before choosing whom to answer.');

    await replyLink.click();
    await expect(article.comment(beaId).locator('#respond')).toBeVisible();
    await article.cancelReply.click();
    await expect(formAtHome(page)).toBeVisible();
    await expect(article.formHeading).toHaveText('Leave a comment');
    await expect(replyLink).toBeFocused();
  });

  test('a reply posted from the moved form is shown nested under its parent', async ({ page, article, otherReader, db, createPost, newAuthor }) => {
    const post = await createPost();
    const bea = newAuthor('Bea');
    const ada = newAuthor('Ada');
    const beaId = await approved(db, post.id, bea, 'Anyone agree?', 20);
    // Ada has an approved comment, so her reply is approved at once (the default approval policy).
    await approved(db, post.id, ada, 'Ada, approved before.', 15);
    await article.goto(post.path);

    await article.fill({ body: 'I agree, Bea.' });
    await article.replyLink(beaId).click();
    await expect(article.comment(beaId).locator('#respond')).toBeVisible();
    const id = await article.submitComment({ name: ada.name, email: ada.email });

    const shown = nestedUnder(page, beaId, id);
    await expect(shown).toContainText('I agree, Bea.');
    await expect(shown).not.toContainText('awaiting moderation');
    expect(await threadPlace(db, id)).toEqual({ parentId: beaId, rootId: beaId, depth: 1 });
    // The form is fresh, and back at its place for the next comment.
    await expect(formAtHome(page)).toBeVisible();
    await expect(article.formHeading).toHaveText('Leave a comment');
    await expect(article.body).toHaveValue('');

    await otherReader.goto(post.path);
    await expect(otherReader.commentsHeading(`3 comments on “${post.title}”`)).toBeVisible();
    await expect(nestedUnder(otherReader.page, beaId, id)).toContainText('I agree, Bea.');
    // A page counts threads: the reply is not one of its own.
    await expect(otherReader.threads).toHaveCount(2);
  });

  test('paging through comments while replying brings the form back to its place', async ({ page, article, db, createPost, uid }) => {
    const post = await createPost();
    await insertApprovedComments(db, post.id, 55, uid);
    await article.goto(post.path);
    const [first] = await article.threads.evaluateAll((items) => items.map((li) => Number(li.id.replace('comment-', ''))));
    await article.fill({ body: 'Not sent yet.' });
    await article.replyLink(first!).click();
    await expect(article.comment(first!).locator('#respond')).toBeVisible();

    await article.comments
      .getByRole('navigation', { name: 'Comment pages' })
      .first()
      .getByRole('link', { name: /Older comments/ })
      .click();
    await expect(page).toHaveURL(`${post.path}?cpage=1#comments`);
    await expect(article.threads).toHaveCount(50);
    await expect(formAtHome(page)).toBeVisible();
    await expect(article.formHeading).toHaveText('Leave a comment');
    await expect(article.body).toHaveValue('Not sent yet.');
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the Reply link opens the reply form, and the reply is stored and shown under its parent', async ({
    page,
    article,
    otherReader,
    db,
    createPost,
    newAuthor,
  }) => {
    const post = await createPost();
    const bea = newAuthor('Bea');
    const cy = newAuthor('Cy');
    const beaId = await approved(db, post.id, bea, 'Anyone agree?');
    await article.goto(post.path);

    const replyLink = article.replyLink(beaId);
    await expect(replyLink).toHaveAttribute('href', `${post.path}?replytocom=${beaId}#respond`);
    await replyLink.click();
    await expect(page).toHaveURL(`${post.path}?replytocom=${beaId}#respond`);
    await expect(article.formHeading).toHaveText(new RegExp(`^Leave a Reply to ${bea.name}\\s+Cancel reply$`));
    await expect(article.cancelReply).toHaveAttribute('href', `${post.path}#respond`);

    // Cy is new: held, and shown (to Cy only) where it will appear.
    const id = await article.postComment({ body: 'Not sure I do.', name: cy.name, email: cy.email });
    expect(await threadPlace(db, id)).toEqual({ parentId: beaId, rootId: beaId, depth: 1 });
    await expect(nestedUnder(page, beaId, id)).toContainText('Your comment is awaiting moderation.');
    await expect(article.formHeading).toHaveText('Leave a comment');

    // Approved, it is nested for everyone; and a reply to it stays in Bea's thread, one level deeper.
    await setCommentStatus(db, id, 'APPROVED');
    await otherReader.page.goto(post.path); // (JavaScript is off there too: nothing to hydrate)
    await expect(nestedUnder(otherReader.page, beaId, id)).toContainText('Not sure I do.');
    // Bea answers (flood limits hold per address and per email: another author, from another address).
    await moveToNewAddress(page.context());
    await article.goto(`${post.path}?replytocom=${id}`);
    await expect(article.formHeading).toHaveText(new RegExp(`^Leave a Reply to ${cy.name}`));
    const deeper = await article.postComment({ body: 'Think it over.', name: bea.name, email: bea.email });
    expect(await threadPlace(db, deeper)).toEqual({ parentId: id, rootId: beaId, depth: 2 });
    await expect(page.locator(`li#comment-${beaId} > ol.children > li#comment-${id} > ol.children > li#comment-${deeper}`)).toBeVisible();
  });

  test('a refused reply comes back at the form, still a reply, with the name kept and a word about the email', async ({
    page,
    article,
    db,
    createPost,
    newAuthor,
  }) => {
    const post = await createPost();
    const bea = newAuthor('Bea');
    const cy = newAuthor('Cy');
    const beaId = await approved(db, post.id, bea, 'Anyone agree?');
    await article.goto(`${post.path}?replytocom=${beaId}#respond`);
    await article.fill({ body: '', name: cy.name, email: cy.email });
    const answer = await submitWithoutJavaScript(article);

    await expect(page).toHaveURL(`${post.path}?replytocom=${beaId}#respond`);
    await expect(article.form.getByRole('alert')).toHaveText('Please correct the fields marked below.');
    await expect(article.body).toHaveAccessibleDescription('Please type your comment.');
    await expect(article.formHeading).toHaveText(new RegExp(`^Leave a Reply to ${bea.name}`));
    await expect(article.name).toHaveValue(cy.name);
    await expect(article.email).toHaveValue('');
    await expect(article.form.getByText(MESSAGES.emailAgain)).toBeVisible();
    expect(answer, 'the answer never carries the email, not even in its RSC payload').not.toContain(cy.email);
    expect(await countComments(db, post.id)).toBe(1);

    // Corrected, it is stored as the reply it was.
    const id = await article.postComment({ body: 'Now with words.', email: cy.email });
    expect(await threadPlace(db, id)).toEqual({ parentId: beaId, rootId: beaId, depth: 1 });
  });
});

test.describe('replies the server refuses', () => {
  test('a reply to a held comment, to a comment of another article or to none at all', async ({
    http,
    origin,
    db,
    createPost,
    newAuthor,
    addComment,
    minFillSeconds,
  }) => {
    const post = await createPost();
    const elsewhere = await createPost();
    const bea = newAuthor('Bea');
    const cy = newAuthor('Cy');
    const heldId = await addComment(post.id, { authorName: bea.name, authorEmail: bea.email, body: 'Held for now.', status: 'PENDING' });
    const otherId = await addComment(elsewhere.id, { authorName: bea.name, authorEmail: bea.email, body: 'On another article.', status: 'APPROVED' });

    // The page offers no reply form for a held comment: ?replytocom= of one is the plain form.
    const heldPage = await (await http.get(`${post.path}?replytocom=${heldId}`)).text();
    expect(heldPage).toContain('Leave a comment');
    expect(heldPage).not.toContain('Leave a Reply to');

    const form = await openCommentForm(http, post.path);
    await waitOutFillTime(form, minFillSeconds);
    await expectRefusedWith(await postReplyTo(http, origin, form, heldId, cy), MESSAGES.held);
    await expectRefusedWith(await postReplyTo(http, origin, form, otherId, cy), MESSAGES.missing);
    await expectRefusedWith(await postReplyTo(http, origin, form, 2_147_483_647, cy), MESSAGES.missing);
    await expectRefusedWith(await postReplyTo(http, origin, form, 'abc', cy), MESSAGES.missing);
    expect(await countComments(db, post.id)).toBe(1);
    expect(await countComments(db, elsewhere.id)).toBe(1);
  });

  test('at the deepest level (five by default) a comment has no Reply link, a reply to it is refused, and deeper ones sit beside their parent', async ({
    page,
    article,
    http,
    origin,
    db,
    createPost,
    newAuthor,
    minFillSeconds,
  }) => {
    const post = await createPost();
    const bea = newAuthor('Bea');
    // A chain six deep (depth 0…5): depth 5 came in by other means (an admin reply, a lowered setting).
    const chain = [await approved(db, post.id, bea, 'Level 0.', 30)];
    for (let depth = 1; depth <= 5; depth++) chain.push(await reply(db, chain.at(-1)!, bea, `Level ${depth}.`, 30 - depth));
    await article.goto(post.path);

    for (let depth = 0; depth <= 3; depth++) await expect(article.replyLink(chain[depth]!), `Reply at depth ${depth}`).toHaveCount(1);
    await expect(article.replyLink(chain[4]!), 'no Reply at depth 4, the fifth level').toHaveCount(0);
    await expect(article.replyLink(chain[5]!)).toHaveCount(0);
    // Levels 0…4 nest; level 5 is shown beside level 4, saying whom it answers.
    await expect(nestedUnder(page, chain[3]!, chain[4]!)).toBeVisible();
    await expect(nestedUnder(page, chain[3]!, chain[5]!)).toBeVisible();
    await expect(article.comment(chain[5]!).getByRole('link', { name: `In reply to ${bea.name}` })).toHaveAttribute('href', `#comment-${chain[4]}`);

    const form = await openCommentForm(http, post.path);
    await waitOutFillTime(form, minFillSeconds);
    await expectRefusedWith(await postReplyTo(http, origin, form, chain[4]!, newAuthor('Cy')), MESSAGES.tooDeep);
    expect(await countComments(db, post.id)).toBe(6);
  });
});

test.describe('the thread depth setting', () => {
  // One setting for the whole site: these tests run alone (site lock) and put it back.
  test.use({ siteLock: 'exclusive' });

  async function withThreadDepth(db: pg.Pool, depth: number, run: () => Promise<void>): Promise<void> {
    const { rows } = await db.query<{ threadDepth: number }>('SELECT "threadDepth" FROM "DiscussionSettings" WHERE id = 1');
    await db.query('UPDATE "DiscussionSettings" SET "threadDepth" = $1 WHERE id = 1', [depth]);
    try {
      await run();
    } finally {
      await db.query('UPDATE "DiscussionSettings" SET "threadDepth" = $1 WHERE id = 1', [rows[0]?.threadDepth ?? 5]);
    }
  }

  test('two levels: replies to replies are refused and have no Reply link', async ({ article, http, origin, db, createPost, newAuthor, minFillSeconds }) => {
    const post = await createPost();
    const bea = newAuthor('Bea');
    const rootId = await approved(db, post.id, bea, 'Level 0.', 20);
    const replyId = await reply(db, rootId, bea, 'Level 1.', 19);
    await withThreadDepth(db, 2, async () => {
      await article.goto(post.path);
      await expect(article.replyLink(rootId)).toHaveCount(1);
      await expect(article.replyLink(replyId)).toHaveCount(0);
      const form = await openCommentForm(http, post.path);
      await waitOutFillTime(form, minFillSeconds);
      await expectRefusedWith(await postReplyTo(http, origin, form, replyId, newAuthor('Cy')), MESSAGES.tooDeep);
      expect(await countComments(db, post.id)).toBe(2);
    });
  });

  test('one level: replies are off', async ({ page, article, http, origin, db, createPost, newAuthor, minFillSeconds }) => {
    const post = await createPost();
    const bea = newAuthor('Bea');
    const rootId = await approved(db, post.id, bea, 'Level 0.', 20);
    const replyId = await reply(db, rootId, bea, 'Level 1.', 19);
    await withThreadDepth(db, 1, async () => {
      await article.goto(post.path);
      await expect(page.locator('a.comment-reply-link')).toHaveCount(0);
      // The reply made before is shown after its thread's first comment, saying whom it answers.
      await expect(article.threads).toHaveCount(2);
      await expect(article.comment(replyId).getByRole('link', { name: `In reply to ${bea.name}` })).toHaveAttribute('href', `#comment-${rootId}`);
      const form = await openCommentForm(http, post.path);
      await waitOutFillTime(form, minFillSeconds);
      await expectRefusedWith(await postReplyTo(http, origin, form, rootId, newAuthor('Cy')), MESSAGES.off);
      expect(await countComments(db, post.id)).toBe(2);
    });
  });
});

test.describe('permalinks', () => {
  test('a reply on page 1 of 2 is found from its permalink, which its date links to; a held comment has none', async ({
    page,
    article,
    http,
    db,
    createPost,
    newAuthor,
    uid,
  }) => {
    const post = await createPost();
    await insertApprovedComments(db, post.id, 55, uid);
    const bea = newAuthor('Bea');
    // A reply today to the first comment: its thread, and so the reply, is on page 1.
    const { rows } = await db.query<{ id: number }>('SELECT min(id)::int AS id FROM "Comment" WHERE "postId" = $1', [post.id]);
    const firstId = rows[0]!.id;
    const replyId = await reply(db, firstId, bea, 'Answering the very first comment.', 0);
    const heldId = await reply(db, firstId, bea, 'Held.', 0, 'PENDING');
    const permalink = `/posts/${post.slug}/comments/${replyId}`;

    const redirect = await http.get(permalink, { maxRedirects: 0 });
    expect(redirect.status()).toBe(302);
    expect(redirect.headers()['location']).toBe(`${post.path}?cpage=1#comment-${replyId}`);

    await article.goto(permalink);
    await expect(page).toHaveURL(`${post.path}?cpage=1#comment-${replyId}`);
    await expect(nestedUnder(page, firstId, replyId)).toBeInViewport();
    await expect(article.comment(replyId).locator('a.comment-permalink')).toHaveAttribute('href', permalink);
    await expect(article.comments.getByRole('navigation', { name: 'Comment pages' }).first()).toContainText('Page 1 of 2');

    // WordPress's ?comment=<id> goes the same way.
    await article.goto(`${post.path}?comment=${replyId}`);
    await expect(page).toHaveURL(`${post.path}?cpage=1#comment-${replyId}`);

    for (const missing of [
      `/posts/${post.slug}/comments/${heldId}`,
      `/posts/no-such-${uid}/comments/${replyId}`,
      `/posts/${post.slug}/comments/2147483647`,
      `/posts/${post.slug}/comments/x`,
    ]) {
      const response = await http.get(missing, { maxRedirects: 0 });
      expect(response.status(), missing).toBe(404);
      expect(await response.text(), missing).not.toContain('Held.');
    }
  });
});
