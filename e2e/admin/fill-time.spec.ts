import { ArticlePage } from '../support/article-page';
import { commentStatus, expect, randomIp, test } from './admin-fixtures';

// The suite runs with the minimum fill time off (e2e/support/global-setup.ts), so that posting tests
// do not each wait it out. This file puts the real value back for its own tests: a site setting, so
// they run alone (site lock) and the setting is restored afterwards.
test.use({ siteLock: 'exclusive' });

const REAL_MIN_FILL_SECONDS = 3;

test.beforeEach(async ({ db }) => {
  await db.query('UPDATE "DiscussionSettings" SET "minFillSeconds" = $1 WHERE id = 1', [REAL_MIN_FILL_SECONDS]);
});

test('a form sent back sooner than the minimum fill time is not published; one sent after it is held as usual', async ({
  newContext,
  createPost,
  newAuthor,
  db,
}) => {
  const post = await createPost();

  // Without JavaScript, so nothing but the post itself stands between the page and the answer.
  const hasty = new ArticlePage(await (await newContext({ ip: randomIp(), javaScriptEnabled: false })).newPage(), { javaScript: false, minFillSeconds: 0 });
  await hasty.goto(post.path);
  const bot = newAuthor('Hasty');
  await hasty.fill({ body: 'Sent the moment the page appeared.', name: bot.name, email: bot.email });
  await hasty.submit.click();
  await hasty.page.waitForURL(/#comment-\d+$/);
  const hastyId = Number(/#comment-(\d+)$/.exec(hasty.page.url())![1]);
  expect(await commentStatus(db, hastyId)).toBe('SPAM');

  const person = new ArticlePage(await (await newContext({ ip: randomIp() })).newPage(), { minFillSeconds: REAL_MIN_FILL_SECONDS });
  await person.goto(post.path);
  const author = newAuthor('Patient');
  const id = await person.submitComment({ body: 'Typed at a person’s pace.', name: author.name, email: author.email });
  await expect(person.comment(id)).toContainText('Your comment is awaiting moderation.');
  expect(await commentStatus(db, id)).toBe('PENDING');
});
