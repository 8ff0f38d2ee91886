import type { Page } from '@playwright/test';
import type pg from 'pg';
import { commentParagraphs } from '../../src/lib/comment-text';
import { normaliseWebsite } from '../../src/lib/schemas/comment';
import { cleanName } from '../../src/lib/text-hygiene';
import { moveToNewAddress } from '../fixtures';
import { ArticlePage } from '../support/article-page';
import type { CommentStatus, TestPost } from '../support/db';
import {
  createdCommentId,
  cspNonce,
  expect,
  openCommentForm,
  postRawComment,
  scriptCensus,
  test,
  waitOutFillTime,
  watchForXss,
  type ScriptCensus,
} from './attack-fixtures';
import { BAD_WEBSITES, URL_BREAKOUTS, XSS_PAYLOADS } from './xss-payloads';

/**
 * Stored XSS: the corpus of e2e/attack/xss-payloads.ts goes into every field a visitor controls
 * (comment, name, website, email), mostly straight into PostgreSQL (the rendering is what is under
 * attack) and a sample through the real form. Chromium then renders the article (every comment
 * page) and the moderation screen (every view and page, searches, the edit page), and nothing may
 * run or be parsed as markup: no dialog, no marker, no CSP violation, no element or attribute a
 * comment does not have, no script that is not Next.js's own, and every payload shown as its text.
 */

const WEBSITE_MESSAGE = 'Please enter a website address starting with http:// or https://.';
const COMMENTS_PER_PAGE = 50; // src/server/comments/queries.ts
const ADMIN_PAGE_SIZE = 20; // src/server/moderation/queries.ts

// Inside a rendered comment only these elements and attributes may exist: anything else is markup
// that came from a payload.
// (ARTICLE, DIV and the aria-/data- attributes are every comment's own: its <article>, the slot the
// reply form moves into, and the Reply link, which carries the author's name for the form's heading.)
const SAFE_TAGS = ['A', 'ARTICLE', 'BR', 'DIV', 'P', 'SPAN', 'TIME'];
const SAFE_ATTRIBUTES = ['aria-label', 'aria-labelledby', 'class', 'data-reply-name', 'data-reply-to', 'datetime', 'href', 'id', 'rel'];

/** At most `max` code points, as a varchar(max) column holds them. */
const cut = (text: string, max: number) => [...text].slice(0, max).join('');

interface Row {
  id: number;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  body: string;
  status: CommentStatus;
}

/** One comment per payload, straight into PostgreSQL: the rendering is what is under attack here. */
async function insertPayloadRows(
  db: pg.Pool,
  postId: number,
  uid: string,
  status: (i: number) => CommentStatus,
  email: (payload: string, i: number) => string = (_, i) => `xss-${i}.${uid}@e2e.example.com`,
): Promise<Row[]> {
  const rows: Row[] = XSS_PAYLOADS.map((payload, i) => ({
    id: 0,
    authorName: cut(payload, 245),
    authorEmail: email(payload, i),
    authorUrl: URL_BREAKOUTS[i % (URL_BREAKOUTS.length * 3)] ?? null,
    body: payload,
    status: status(i),
  }));
  const start = Date.now() - 86_400_000;
  for (const [i, row] of rows.entries()) {
    const { rows: inserted } = await db.query<{ id: number }>(
      `INSERT INTO "Comment" ("postId", "authorName", "authorEmail", "authorUrl", body, status, ip, "userAgent", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, '192.0.2.66', 'xss fixture', $7, now()) RETURNING id`,
      [postId, row.authorName, row.authorEmail, row.authorUrl, row.body, row.status, new Date(start + i * 1000)],
    );
    row.id = inserted[0]!.id;
  }
  return rows;
}

/** The same number of harmless comments, for the pages the script census compares with. */
async function insertPlainRows(db: pg.Pool, postId: number, count: number, status: CommentStatus): Promise<void> {
  await db.query(
    `INSERT INTO "Comment" ("postId", "authorName", "authorEmail", body, status, ip, "userAgent", "createdAt", "updatedAt")
     SELECT $1, 'Plain ' || n, 'plain-' || n || '@e2e.example.com', 'Plain words number ' || n || '.', $3::"CommentStatus", '192.0.2.67', 'xss fixture',
            now() - interval '1 day' + n * interval '1 second', now()
     FROM generate_series(1, $2::int) AS n`,
    [postId, count, status],
  );
}

interface RenderedComment {
  id: number;
  name: string | null;
  href: string | null;
  paragraphs: string[];
  tags: string[];
  attributes: string[];
  visible: boolean;
}

/** Every comment of the public article page as the browser parsed it. */
function renderedPublicComments(page: Page): Promise<RenderedComment[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('ol.comment-list > li')].map((li) => {
      const author = li.querySelector('p.comment-author')!;
      // The author's website link, not the date's permalink.
      const link = author.querySelector('a:not(.comment-permalink)');
      const all = [...li.querySelectorAll('*')];
      return {
        id: Number(li.id.replace('comment-', '')),
        name: link ? link.textContent : (author.firstChild?.textContent ?? null),
        href: link?.getAttribute('href') ?? null,
        paragraphs: [...(li.querySelector(':scope > article')?.children ?? [])]
          .filter((el) => el.tagName === 'P' && !['comment-author', 'awaiting', 'meta', 'reply'].some((c) => el.classList.contains(c)))
          .map((p) => p.textContent ?? ''),
        tags: [...new Set(all.map((el) => el.tagName))],
        attributes: [...new Set(all.flatMap((el) => el.getAttributeNames()))],
        visible: li.checkVisibility(),
      };
    }),
  );
}

/** The paragraphs' text a comment body renders to (src/lib/comment-text.ts: blank lines split, lines keep their text). */
function expectedParagraphs(body: string): string[] {
  return commentParagraphs(body).map((lines) => lines.join(''));
}

function expectRenderedAsText(rendered: RenderedComment, row: Pick<Row, 'authorName' | 'authorUrl' | 'body'>, where: string): void {
  const label = `${where}, comment ${rendered.id} (${JSON.stringify(row.body.slice(0, 60))})`;
  expect(
    rendered.tags.filter((t) => !SAFE_TAGS.includes(t)),
    `elements in ${label}`,
  ).toEqual([]);
  expect(
    rendered.attributes.filter((a) => !SAFE_ATTRIBUTES.includes(a)),
    `attributes in ${label}`,
  ).toEqual([]);
  expect(rendered.name, `name of ${label}`).toBe(row.authorName);
  expect(rendered.href, `website of ${label}`).toBe(row.authorUrl);
  expect(rendered.paragraphs, `text of ${label}`).toEqual(expectedParagraphs(row.body));
  expect(rendered.visible, `${label} is visible`).toBe(true);
}

/** Opens a page with the XSS watcher on; for an article, waits until React has hydrated it. */
async function openWatched(page: Page, path: string, minFillSeconds: number) {
  const watcher = await watchForXss(page);
  const response = await page.goto(path);
  expect(response?.status(), `GET ${path}`).toBe(200);
  if (path.startsWith('/posts/')) await new ArticlePage(page, { minFillSeconds }).hydrated();
  // A frame for anything deferred (autofocus, media errors, animations) to have fired.
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
  return { watcher, nonce: cspNonce(response?.headers()['content-security-policy']) };
}

function expectSameScripts(census: ScriptCensus, baseline: ScriptCensus, where: string): void {
  expect(census.unsigned, `scripts without the nonce on ${where}`).toEqual([]);
  expect(census.external, `script files on ${where}`).toEqual(baseline.external);
  expect(census.otherInline, `inline scripts besides the RSC payload on ${where}`).toBe(baseline.otherInline);
}

/**
 * A post whose comments are the payloads (in the four statuses by turn; the emails that fit are
 * payloads too, since only the admin sees them) and a checker for one page of the moderation screen.
 */
async function moderationScreen(page: Page, db: pg.Pool, uid: string, createPost: (o?: { title?: string }) => Promise<TestPost>, minFillSeconds: number) {
  const post = await createPost({ title: `XSS admin ${uid}` });
  const control = await createPost({ title: `XSS admin control ${uid}` });
  const statuses: CommentStatus[] = ['PENDING', 'APPROVED', 'SPAM', 'TRASH'];
  const rows = (
    await insertPayloadRows(
      db,
      post.id,
      uid,
      (i) => statuses[i % 4]!,
      (payload, i) => ([...payload].length <= 100 ? payload : `xss-${i}.${uid}@e2e.example.com`),
    )
  ).map((r) => ({ ...r, postId: post.id }));
  await insertPlainRows(db, control.id, ADMIN_PAGE_SIZE, 'PENDING');
  expect(rows.filter((r) => !r.authorEmail.endsWith('@e2e.example.com')).length, 'payloads used as emails').toBeGreaterThanOrEqual(80);
  const byId = new Map(rows.map((r) => [r.id, r]));

  const baseline = await openWatched(page, `/admin/comments?post=${control.id}`, minFillSeconds);
  const baselineScripts = await scriptCensus(page, baseline.nonce);

  const checkListPage = async (path: string): Promise<number[]> => {
    const { watcher, nonce } = await openWatched(page, path, minFillSeconds);
    const rendered = await page.evaluate(() =>
      [...document.querySelectorAll('ol.admin-comments > li')].map((li) => {
        const author = li.querySelector('.comment-author')!;
        const dd = (label: string) => [...li.querySelectorAll('dl.admin-meta dt')].find((dt) => dt.textContent === label)?.nextElementSibling ?? null;
        const website = dd('Website')?.querySelector('a') ?? null;
        const parts = [author, ...li.querySelectorAll('dl.admin-meta dd'), li.querySelector('.admin-comment-body')!];
        const inner = parts.flatMap((p) => [...p.querySelectorAll('*')]);
        return {
          id: Number(li.id.replace('admin-comment-', '')),
          name: author.firstChild?.textContent ?? null,
          email: dd('Email')?.textContent ?? null,
          href: website?.getAttribute('href') ?? null,
          websiteText: website?.textContent ?? null,
          paragraphs: [...li.querySelectorAll('.admin-comment-body > p')].map((p) => p.textContent ?? ''),
          tags: [...new Set(inner.map((el) => el.tagName))],
          attributes: [...new Set(inner.flatMap((el) => el.getAttributeNames()))],
          visible: li.checkVisibility(),
        };
      }),
    );
    for (const r of rendered) {
      const row = byId.get(r.id);
      expect(row, `row ${r.id} on ${path} is one of ours`).toBeTruthy();
      const label = `${path}, comment ${r.id} (${JSON.stringify(row!.body.slice(0, 60))})`;
      expect(
        r.tags.filter((t) => !SAFE_TAGS.includes(t)),
        `elements in ${label}`,
      ).toEqual([]);
      expect(
        r.attributes.filter((a) => !SAFE_ATTRIBUTES.includes(a)),
        `attributes in ${label}`,
      ).toEqual([]);
      expect(r.name, `name in ${label}`).toBe(row!.authorName);
      expect(r.email, `email in ${label}`).toBe(row!.authorEmail);
      expect(r.href, `website link in ${label}`).toBe(row!.authorUrl);
      expect(r.websiteText, `website text in ${label}`).toBe(row!.authorUrl);
      expect(r.paragraphs, `text in ${label}`).toEqual(expectedParagraphs(row!.body));
      expect(r.visible, `${label} is visible`).toBe(true);
    }
    expectSameScripts(await scriptCensus(page, nonce), baselineScripts, path);
    // Open every <details> (Reply, Delete permanently): their labels repeat the author's name.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    await watcher.check(path);
    return rendered.map((r) => r.id);
  };
  return { rows, checkListPage };
}

test.describe('stored XSS', () => {
  test.describe.configure({ timeout: 240_000 });

  test('the corpus is large and every payload leaves a mark if it runs', () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(100);
    expect(new Set(XSS_PAYLOADS).size, 'no payload twice').toBe(XSS_PAYLOADS.length);
    for (const payload of XSS_PAYLOADS) {
      expect(payload, 'a marker').toMatch(
        /alert|confirm|prompt|msgbox|__xss|pwned|xss-marker|AGEAbABlAHIAdAAoADEAKQ|YWxlcnQoMSk|PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg|\$@0|\$F1|\$Sreact|\$\$typeof|<!--<script>|&#97;&#108;&#101;&#114;&#116;|\\u0061lert|\\x61lert|'al'\+'ert'|'__x'\+'ss'/,
      );
      expect(payload.includes('\u0000'), 'no NUL').toBe(false);
    }
  });

  test('bodies, names and websites full of payloads render as text on every comment page of the article', async ({
    page,
    db,
    uid,
    createPost,
    minFillSeconds,
  }) => {
    const post = await createPost({ title: `XSS article ${uid}` });
    const control = await createPost({ title: `XSS control ${uid}` });
    const rows = await insertPayloadRows(db, post.id, uid, () => 'APPROVED');
    await insertPlainRows(db, control.id, rows.length, 'APPROVED');
    const pageCount = Math.ceil(rows.length / COMMENTS_PER_PAGE);
    expect(pageCount).toBeGreaterThanOrEqual(3);

    const seen = new Map<number, RenderedComment>();
    for (let n = 1; n <= pageCount; n++) {
      // Every page by number: the article without ?cpage opens on its newest page.
      const query = `?cpage=${n}`;
      const baselinePage = await page.context().newPage();
      const baseline = await openWatched(baselinePage, `${control.path}${query}`, minFillSeconds);
      const baselineScripts = await scriptCensus(baselinePage, baseline.nonce);
      await baselinePage.close();

      const { watcher, nonce } = await openWatched(page, `${post.path}${query}`, minFillSeconds);
      const rendered = await renderedPublicComments(page);
      expect(rendered.length, `comments on page ${n}`).toBe(Math.min(COMMENTS_PER_PAGE, rows.length - (n - 1) * COMMENTS_PER_PAGE));
      for (const r of rendered) seen.set(r.id, r);
      expectSameScripts(await scriptCensus(page, nonce), baselineScripts, `comment page ${n}`);
      await watcher.check(`comment page ${n}`);
    }
    for (const row of rows) {
      const rendered = seen.get(row.id);
      expect(rendered, `comment ${row.id} shown`).toBeTruthy();
      expectRenderedAsText(rendered!, row, 'the article');
    }
  });

  test('the moderation screen shows every payload as text, in every view and on every page', async ({
    adminPage: page,
    db,
    uid,
    createPost,
    minFillSeconds,
  }) => {
    const { rows, checkListPage } = await moderationScreen(page, db, uid, createPost, minFillSeconds);
    // Each payload in exactly one of the four status views, each view page by page; "All" repeats
    // pending and approved, so its first and last pages suffice.
    const views: Array<[string, CommentStatus[]]> = [
      ['pending', ['PENDING']],
      ['approved', ['APPROVED']],
      ['spam', ['SPAM']],
      ['trash', ['TRASH']],
      ['all', ['PENDING', 'APPROVED']],
    ];
    for (const [view, inView] of views) {
      const expected = rows.filter((r) => inView.includes(r.status)).map((r) => r.id);
      const pages = Math.ceil(expected.length / ADMIN_PAGE_SIZE);
      const listed: number[] = [];
      for (let n = 1; n <= pages; n++) {
        if (view === 'all' && n !== 1 && n !== pages) continue;
        const params = new URLSearchParams({
          ...(view === 'all' ? {} : { status: view }),
          post: String(rows[0]!.postId),
          ...(n > 1 ? { page: String(n) } : {}),
        });
        listed.push(...(await checkListPage(`/admin/comments?${params}`)));
      }
      if (view !== 'all') expect(listed.sort(), `the ${view} view lists each of its comments once`).toEqual(expected.sort());
    }
  });

  test('the moderation screen’s search results and edit page keep payloads as text', async ({ adminPage: page, db, uid, createPost, minFillSeconds }) => {
    const { rows, checkListPage } = await moderationScreen(page, db, uid, createPost, minFillSeconds);
    // Search: the term is echoed into the search box, the results are payloads.
    const searches = [
      'onerror',
      '<script>',
      `"><script>window.__xss=1</script>`,
      '</textarea><svg onload=alert(1)>',
      "' autofocus onfocus='alert(1)",
      'javascript:alert(1)',
    ];
    for (const q of searches) {
      const path = `/admin/comments?${new URLSearchParams({ post: String(rows[0]!.postId), q })}`;
      const listed = await checkListPage(path);
      if (q === 'onerror' || q === '<script>') expect(listed.length, `results for ${q}`).toBeGreaterThan(0);
      await expect(page.getByLabel('Search comments')).toHaveValue(q);
    }

    // The edit page puts each field into a form control: it must hold the text, not parse it.
    const samples = rows.filter((r, i) => (r.authorUrl !== null && i % 3 === 0) || /textarea|<\/title>|"><|<\/script>/.test(r.body)).slice(0, 10);
    for (const row of samples) {
      const path = `/admin/comments/${row.id}/edit?returnTo=${encodeURIComponent('javascript:alert(1)//"><script>window.__xss=1</script>')}`;
      const { watcher, nonce } = await openWatched(page, path, minFillSeconds);
      // A one-line input drops line breaks from its value (and email/url inputs trim it): HTML's value sanitisation.
      const oneLine = (v: string) => v.replace(/[\r\n]/g, '');
      await expect(page.getByLabel('Name', { exact: true })).toHaveValue(oneLine(row.authorName));
      await expect(page.getByLabel('Email', { exact: true })).toHaveValue(oneLine(row.authorEmail).trim());
      await expect(page.getByLabel('Website', { exact: true })).toHaveValue(oneLine(row.authorUrl ?? '').trim());
      await expect(page.getByLabel('Comment', { exact: true })).toHaveValue(row.body);
      await expect(page.getByRole('link', { name: 'Cancel' })).toHaveAttribute('href', '/admin/comments');
      expect((await scriptCensus(page, nonce)).unsigned, `scripts without the nonce on ${path}`).toEqual([]);
      await watcher.check(path);
    }
  });

  test('payloads posted through the real form, with and without JavaScript, stay text for their author, readers and the admin', async ({
    page,
    article,
    otherReader,
    adminPage,
    db,
    http,
    origin,
    createPost,
    uid,
    minFillSeconds,
  }) => {
    const post = await createPost();
    const samples = [
      { body: `<script>alert(1)</script>`, name: `<img src=x onerror=alert(1)> ${uid}`, email: `xss.one.${uid}@e2e.example.com`, website: URL_BREAKOUTS[0]! },
      {
        body: `"><svg onload=window.__xss=1>\n\n</textarea><script>document.title='pwned'</script>`,
        name: `"><script>window.__xss=1</script> ${uid}`,
        email: `xss'two.${uid}@e2e.example.com`,
        website: URL_BREAKOUTS[1]!,
      },
      {
        body: `<a href="javascript:alert(1)">click me</a>`,
        name: `\u202E<details open ontoggle=alert(1)>\u200B ${uid}`,
        email: `xss.three.${uid}@e2e.example.com`,
        website: URL_BREAKOUTS[3]!,
      },
      {
        body: `</script><script>alert(1)</script><!--`,
        name: `</p><iframe src=javascript:alert(1)> ${uid}`,
        email: `xss.four.${uid}@e2e.example.com`,
        website: '',
      },
    ];

    const watcher = await watchForXss(page);
    const posted: Array<{ id: number; row: Pick<Row, 'authorName' | 'authorUrl' | 'body'> }> = [];
    for (const sample of samples) {
      await moveToNewAddress(page.context());
      await article.goto(post.path);
      const id = await article.postComment({ body: sample.body, name: sample.name, email: sample.email, website: sample.website });
      await watcher.check(`the article after posting comment ${id}`);
      const stored = (await db.query<Row>('SELECT "authorName", "authorEmail", "authorUrl", body, status FROM "Comment" WHERE id = $1', [id])).rows[0]!;
      // Stored as typed, cleaned only of invisible characters in the name, the website normalised.
      expect(stored).toMatchObject({
        body: sample.body,
        authorName: cleanName(sample.name).trim(),
        authorEmail: sample.email.toLowerCase(),
        status: 'PENDING',
      });
      expect(stored.authorUrl).toBe(sample.website ? normaliseWebsite(sample.website) : null);
      posted.push({ id, row: stored });
    }
    // The author sees their held comments on the article.
    await article.goto(post.path);
    for (const { id, row } of posted)
      expectRenderedAsText(
        (await renderedPublicComments(page)).find((r) => r.id === id)!,
        row,
        'the author’s view',
      );
    await watcher.check('the author’s view');

    // An email that is itself markup is refused, and nothing is stored.
    await moveToNewAddress(page.context());
    await article.goto(post.path);
    await article.fill({ body: 'Markup in the email.', name: `Mallory ${uid}`, email: '"<script>alert(1)</script>"@example.com' });
    await article.submit.click();
    await expect(article.email).toHaveAccessibleDescription('Please enter a valid email address.');
    await watcher.check('the form refusing a markup email');

    // Readers, once approved.
    await db.query(`UPDATE "Comment" SET status = 'APPROVED' WHERE id = ANY($1::int[])`, [posted.map((p) => p.id)]);
    const readerWatcher = await watchForXss(otherReader.page);
    await otherReader.goto(post.path);
    const forReaders = await renderedPublicComments(otherReader.page);
    for (const { id, row } of posted)
      expectRenderedAsText(
        forReaders.find((r) => r.id === id)!,
        row,
        'a reader’s view',
      );
    await readerWatcher.check('a reader’s view');

    // The admin.
    const adminWatcher = await watchForXss(adminPage);
    await adminPage.goto(`/admin/comments?post=${post.id}`);
    for (const { id, row } of posted) {
      const item = adminPage.locator(`li#admin-comment-${id}`);
      await expect(item.locator('.comment-author')).toContainText(row.authorName);
      await expect(item.locator('.admin-comment-body')).toContainText(row.body.split('\n')[0]!);
      await expect(item.locator('dd script, .admin-comment-body *:not(p):not(span):not(br)')).toHaveCount(0);
    }
    await adminWatcher.check('the moderation screen');

    // Without JavaScript a refused form comes back as HTML with what was typed in it: that echo must
    // be text too. The response is shown to a browser with JavaScript on, under its own CSP header.
    const form = await openCommentForm(http, post.path);
    await waitOutFillTime(form, minFillSeconds);
    const echoed = samples[1]!;
    const refused = await postRawComment(http, origin, form, {
      body: echoed.body,
      authorName: echoed.name,
      authorEmail: 'not an email',
      authorUrl: URL_BREAKOUTS[0],
    });
    expect(refused.status()).toBe(200);
    const html = await refused.text();
    expect(html).toContain('Please enter a valid email address.');
    expect(html).not.toContain('<svg onload');
    expect(html).not.toContain("<script>document.title='pwned'");
    const echoPage = await page.context().newPage();
    const echoWatcher = await watchForXss(echoPage);
    await echoPage.route(`**${post.path}?echo`, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        headers: { 'content-security-policy': refused.headers()['content-security-policy']! },
        body: html,
      }),
    );
    await echoPage.goto(`${post.path}?echo`);
    const echoForm = new ArticlePage(echoPage, { minFillSeconds });
    await expect(echoForm.body).toHaveValue(echoed.body);
    await expect(echoForm.name).toHaveValue(echoed.name);
    await expect(echoForm.website).toHaveValue(URL_BREAKOUTS[0]!); // as typed: the form gives back what was sent
    await expect(echoForm.email).toHaveValue('');
    await echoWatcher.check('the no-JavaScript form echoing a refused comment');
    expect(createdCommentId(refused, post.slug)).toBeNull();
  });

  test('the website field refuses anything but http(s), in the browser and on the server', async ({
    page,
    article,
    db,
    http,
    origin,
    createPost,
    uid,
    minFillSeconds,
  }) => {
    const post = await createPost();
    const watcher = await watchForXss(page);
    await article.goto(post.path);
    await article.fill({ body: 'My site is below.', name: `Mallory ${uid}`, email: `mallory.${uid}@e2e.example.com` });
    for (const website of BAD_WEBSITES) {
      await article.website.fill(website);
      await article.submit.click();
      await expect(article.website, JSON.stringify(website)).toHaveAccessibleDescription(WEBSITE_MESSAGE);
      await expect(article.website).toHaveAttribute('aria-invalid', 'true');
    }
    await watcher.check('the form refusing websites');

    // A client without JavaScript (or a script) skips the browser's check: the server refuses too.
    const form = await openCommentForm(http, post.path);
    await waitOutFillTime(form, minFillSeconds);
    for (const website of BAD_WEBSITES) {
      const response = await postRawComment(http, origin, form, {
        body: `Site ${JSON.stringify(website)}`,
        authorName: `Mallory ${uid}`,
        authorEmail: `mallory.${uid}@e2e.example.com`,
        authorUrl: website,
      });
      expect(response.status(), JSON.stringify(website)).toBe(200);
      expect(await response.text(), JSON.stringify(website)).toContain(WEBSITE_MESSAGE);
    }
    expect((await db.query('SELECT count(*)::int AS n FROM "Comment" WHERE "postId" = $1', [post.id])).rows[0].n, 'nothing stored').toBe(0);
  });

  test('a javascript: address that reached the database anyway (an import, a manual edit) cannot run when clicked', async ({
    page,
    adminPage,
    uid,
    createPost,
    addComment,
    minFillSeconds,
  }) => {
    const post = await createPost();
    const urls = ['javascript:window.__xss=1', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', ' javascript:alert(1)'];
    const ids: number[] = [];
    for (const [i, url] of urls.entries()) {
      ids.push(
        await addComment(post.id, {
          authorName: `Legacy ${i} ${uid}`,
          authorEmail: `legacy-${i}.${uid}@e2e.example.com`,
          authorUrl: url,
          body: `Imported comment ${i}.`,
          status: 'APPROVED',
        }),
      );
    }
    for (const [p, path, link] of [
      [page, post.path, (id: number) => page.locator(`li#comment-${id} p.comment-author a:not(.comment-permalink)`)],
      [adminPage, `/admin/comments?post=${post.id}`, (id: number) => adminPage.locator(`li#admin-comment-${id} dd a[rel~="ugc"]`)],
    ] as const) {
      const { watcher } = await openWatched(p, path, minFillSeconds);
      for (const id of ids) {
        const href = await link(id).getAttribute('href');
        // React 19 replaces a javascript: href with one that throws; the CSP blocks either from running.
        if (/^\s*javascript:/i.test(href ?? '')) {
          await link(id).click();
          await p.evaluate(() => new Promise<void>((resolve) => setTimeout(resolve, 100)));
        }
        expect(p.url(), 'still on the page').toContain(path.split('?')[0]!);
      }
      const state = await p.evaluate(() => ({ xss: (window as unknown as { __xss?: unknown }).__xss, title: document.title }));
      expect(watcher.dialogs, `dialogs on ${path}`).toEqual([]);
      expect(state.xss).toBeUndefined();
      expect(state.title).not.toBe('pwned');
    }
  });
});
