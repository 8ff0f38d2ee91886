import { createHash, randomBytes } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import { moveToNewAddress } from '../fixtures';
import { HOW_COMMENTS_WORK, RUSSIA } from '../support/seeded';
import { expect, openCommentForm, postRawComment, randomIp, retryOnReset, test, waitOutFillTime } from './attack-fixtures';

/**
 * A commenter's email is for the admin only. Whatever a visitor can fetch — every public page and
 * its RSC payload, error pages, action responses, headers, cookies — must not contain it in any
 * form: as typed, lower- or upper-case, URL-encoded, as an HTML/JS escape, base64, or the MD5 and
 * SHA-256 hashes avatar services (Gravatar, Libravatar) are keyed by.
 */

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

interface Needle {
  email: string;
  form: string;
  text: string;
  caseSensitive: boolean;
}

function needlesFor(email: string): Needle[] {
  const lower = email.toLowerCase();
  const local = lower.split('@')[0]!;
  const forms: Array<[string, string, boolean]> = [
    ['as typed', email, false],
    ['lower-case', lower, false],
    ['upper-case', email.toUpperCase(), false],
    ['URL-encoded', encodeURIComponent(lower), false],
    ['form-encoded', new URLSearchParams({ e: lower }).toString().slice(2), false],
    ['JS escape', lower.replace('@', '\\u0040'), false],
    ['HTML entity', lower.replace('@', '&#64;'), false],
    ['HTML hex entity', lower.replace('@', '&#x40;'), false],
    ['local part', local, false],
    ['MD5', md5(lower), false],
    ['MD5 as typed', md5(email.trim()), false],
    ['SHA-256', sha256(lower), false],
    ['SHA-256 as typed', sha256(email.trim()), false],
    ['base64', Buffer.from(lower).toString('base64').replace(/=+$/, ''), true],
    ['base64url', Buffer.from(lower).toString('base64url'), true],
  ];
  return forms.map(([form, text, caseSensitive]) => ({ email, form, text, caseSensitive }));
}

class LeakDetector {
  readonly needles: Needle[];
  readonly checked: string[] = [];
  constructor(emails: string[]) {
    this.needles = emails.flatMap(needlesFor);
  }

  find(text: string): string[] {
    const lower = text.toLowerCase();
    return this.needles.filter((n) => (n.caseSensitive ? text.includes(n.text) : lower.includes(n.text.toLowerCase()))).map((n) => `${n.email} (${n.form})`);
  }

  expectClean(text: string, where: string): void {
    this.checked.push(where);
    expect(this.find(text), `email found in ${where}`).toEqual([]);
  }
}

interface Captured {
  url: string;
  method: string;
  status: number;
  headers: string;
  body: string;
}

/** Every response the page gets (POSTs fetched through Playwright, so their whole body is kept). */
async function captureResponses(page: Page): Promise<Captured[]> {
  const captured: Captured[] = [];
  await page.route('**/*', async (route) => {
    const request = route.request();
    if (request.method() !== 'POST') return route.fallback();
    const response = await retryOnReset(() => route.fetch({ maxRedirects: 0 }));
    const body = await response.text();
    captured.push({ url: request.url(), method: 'POST', status: response.status(), headers: headerText(response.headersArray()), body });
    await route.fulfill({ response, body });
  });
  page.on('response', async (response) => {
    if (response.request().method() === 'POST') return;
    const body = await response.text().catch(() => ''); // redirects and some cached responses have none
    captured.push({
      url: response.url(),
      method: response.request().method(),
      status: response.status(),
      headers: headerText(await response.headersArray()),
      body,
    });
  });
  return captured;
}

function headerText(headers: Array<{ name: string; value: string }>): string {
  return headers.map(({ name, value }) => `${name}: ${value}`).join('\n');
}

/** Same-origin links and resources of an HTML page, without fragments; never the admin side. */
function linksOf(html: string, base: string): string[] {
  const origin = new URL(base).origin;
  const found = new Set<string>();
  for (const [, raw] of html.matchAll(/\b(?:href|src|action)="([^"]+)"/g)) {
    let url: URL;
    try {
      url = new URL(raw!.replace(/&amp;/g, '&'), base);
    } catch {
      continue;
    }
    if (url.origin !== origin || /^\/(?:admin|api\/auth)(?:\/|$)/.test(url.pathname)) continue;
    url.hash = '';
    found.add(url.pathname + url.search);
  }
  return [...found];
}

/**
 * Fetches every URL reachable from the seeds (GET, plus for pages the RSC payload both ways), and
 * hands each body and its headers to the detector. Bounded, a few requests at a time.
 */
async function crawl(request: APIRequestContext, baseURL: string, seeds: string[], detector: LeakDetector, limit = 450): Promise<Map<string, number>> {
  const statuses = new Map<string, number>();
  const queue = [...new Set(seeds)];
  const seen = new Set(queue);
  let fetched = 0;
  const fetchOne = async (path: string) => {
    const response = await retryOnReset(() => request.get(path, { maxRedirects: 0, failOnStatusCode: false }));
    const body = await response.text();
    statuses.set(path, response.status());
    expect(response.status(), `GET ${path}`).toBeLessThan(500);
    detector.expectClean(body, `GET ${path}`);
    detector.expectClean(headerText(response.headersArray()), `headers of GET ${path}`);
    const type = response.headers()['content-type'] ?? '';
    if (!type.includes('text/html')) {
      const location = response.headers()['location'];
      // With its query: a comment permalink redirects to ?cpage=N of its article.
      if (location) return [((url) => url.pathname + url.search)(new URL(location, baseURL))];
      return [];
    }
    // The same page as the client router asks for it: the RSC payload, by header and by query.
    const withRsc = `${path}${path.includes('?') ? '&' : '?'}_rsc=x`;
    for (const [label, rsc] of [
      ['RSC: 1', await retryOnReset(() => request.get(path, { headers: { RSC: '1' }, failOnStatusCode: false }))],
      ['RSC: 1 and ?_rsc', await retryOnReset(() => request.get(withRsc, { headers: { RSC: '1' }, failOnStatusCode: false }))],
      ['?_rsc', await retryOnReset(() => request.get(withRsc, { failOnStatusCode: false }))],
    ] as const) {
      expect(rsc.status(), `${label} ${path}`).toBeLessThan(500);
      detector.expectClean(await rsc.text(), `${label} of ${path}`);
      detector.expectClean(headerText(rsc.headersArray()), `headers of ${label} of ${path}`);
    }
    return linksOf(body, new URL(path, baseURL).href);
  };
  while (queue.length > 0 && fetched < limit) {
    const batch = queue.splice(0, 4);
    fetched += batch.length;
    for (const links of await Promise.all(batch.map(fetchOne))) {
      for (const link of links) {
        if (!seen.has(link)) {
          seen.add(link);
          queue.push(link);
        }
      }
    }
  }
  return statuses;
}

test('no public response, header, cookie or action reply carries a commenter’s email in any form', async ({
  page,
  article,
  http,
  origin,
  db,
  uid,
  createPost,
  addComment,
  adminPage,
  baseURL,
  minFillSeconds,
  playwright,
}) => {
  test.setTimeout(300_000);
  // Newer than other specs' posts (2001), older than the seeded ones: on the first index page.
  const post = await createPost({ title: `Leak article ${uid}`, publishedAt: new Date('2010-06-01T00:00:00Z') });
  const other = await createPost({ title: `Leak other ${uid}`, publishedAt: new Date('2010-05-01T00:00:00Z') });
  const tag = randomBytes(4).toString('hex');
  const person = (label: string, domain = 'Example.NET') => ({ name: `${label} ${uid}`, email: `Zq${label}.${tag}@${domain}` });
  const ada = person('Ada'); // browser, held, with a website
  const bea = person('Bea'); // browser, approved at once (approved before), with a website
  const cy = person('Cy', 'Leak-Example.org'); // no JavaScript, held
  const dee = person('Dee'); // no JavaScript, approved afterwards, with a website
  const eve = person('Eve'); // in the spam bin
  const fay = person('Fay'); // in the trash
  const gus = person('Gus'); // approved, on the other article, over two comment pages
  const hal = person('Hal'); // no JavaScript, a refused reply (the ?replytocom= form)
  const ivy = person('Ivy'); // another visitor without JavaScript, refused too, right after Hal
  const emails = [ada, bea, cy, dee, eve, fay, gus, hal, ivy].map((p) => p.email);
  const detector = new LeakDetector(emails);

  await addComment(post.id, {
    authorName: bea.name,
    authorEmail: bea.email.toLowerCase(),
    authorUrl: 'https://bea.example.org/',
    body: 'Bea, approved earlier.',
    status: 'APPROVED',
  });
  await addComment(post.id, { authorName: eve.name, authorEmail: eve.email.toLowerCase(), body: 'Eve, spam.', status: 'SPAM' });
  await addComment(post.id, {
    authorName: fay.name,
    authorEmail: fay.email.toLowerCase(),
    authorUrl: 'https://fay.example.org/',
    body: 'Fay, trashed.',
    status: 'TRASH',
  });
  await db.query(
    `INSERT INTO "Comment" ("postId", "authorName", "authorEmail", "authorUrl", body, status, ip, "userAgent", "createdAt", "updatedAt")
     SELECT $1, $2, $3, 'https://gus.example.org/', 'Gus number ' || n || '.', 'APPROVED', '192.0.2.80', 'leak fixture', now() - (60 - n) * interval '1 minute', now()
     FROM generate_series(1, 55) AS n`,
    [other.id, gus.name, gus.email.toLowerCase()],
  );
  const gusFirst = (await db.query<{ id: number }>('SELECT min(id)::int AS id FROM "Comment" WHERE "postId" = $1', [other.id])).rows[0]!.id;

  // --- Posting, in the browser: every response it gets is kept. ---
  const captured = await captureResponses(page);
  await article.goto(post.path);
  const adaId = await article.postComment({ body: 'Ada, held for moderation.', name: ada.name, email: ada.email, website: 'https://ada.example.org/' });
  // Straight again from the same address: refused by the flood limit, a server-side error reply.
  await article.fill({ body: 'Ada, too soon.', name: ada.name, email: ada.email });
  await article.submit.click();
  await expect(article.form.getByRole('alert')).toHaveText('You are posting comments too quickly. Slow down.');
  await moveToNewAddress(page.context());
  await article.goto(post.path);
  // (submitComment, not postComment: whether the page then shows it is comment-posting.spec's business.)
  const beaId = await article.submitComment({ body: 'Bea, approved at once.', name: bea.name, email: bea.email, website: 'https://bea.example.org/' });
  expect((await db.query('SELECT status FROM "Comment" WHERE id = $1', [beaId])).rows[0].status).toBe('APPROVED');
  await expect(page.getByText('Ada, held for moderation.')).toBeVisible(); // this browser's held comment

  // --- Posting without JavaScript: the refusals echo the form back; the successes redirect. ---
  const form = await openCommentForm(http, post.path);
  await waitOutFillTime(form, minFillSeconds);
  const raw: Array<{ label: string; status: number; headers: string; body: string }> = [];
  const send = async (label: string, comment: Parameters<typeof postRawComment>[3], ip?: string) => {
    const response = await postRawComment(http, origin, form, comment, { ip });
    raw.push({ label, status: response.status(), headers: headerText(response.headersArray()), body: await response.text() });
    return response;
  };
  await send('refused: website', { body: 'Cy, with a bad website.', authorName: cy.name, authorEmail: cy.email, authorUrl: 'javascript:alert(1)' });
  await send('refused: body', { body: '', authorName: cy.name, authorEmail: cy.email });
  const cyIp = randomIp();
  const cyPost = await send('stored: Cy', { body: 'Cy, held, without JavaScript.', authorName: cy.name, authorEmail: cy.email }, cyIp);
  expect(cyPost.status()).toBe(303);
  await send('refused: too fast', { body: 'Cy, again.', authorName: cy.name, authorEmail: cy.email }, cyIp);
  // From Cy's own address: the same form from anyone else is a duplicate (a cached page hands every reader the same form).
  await send('resubmitted: same form, same text', { body: 'Cy, held, without JavaScript.', authorName: cy.name, authorEmail: cy.email }, cyIp);
  const deePost = await send('stored: Dee', { body: 'Dee, approved later.', authorName: dee.name, authorEmail: dee.email, authorUrl: 'dee.example.org/me' });
  const deeId = Number(/#comment-(\d+)$/.exec(deePost.headers()['location'] ?? '')?.[1]);
  await db.query(`UPDATE "Comment" SET status = 'APPROVED' WHERE id = $1`, [deeId]);
  expect(raw.map((r) => r.status)).toEqual([200, 200, 303, 200, 303, 303]);
  expect(raw[0]!.body).toContain('Please enter a website address starting with http:// or https://.');
  expect(raw[3]!.body).toContain('You are posting comments too quickly. Slow down.');

  // --- Replies without JavaScript: Hal's refused reply, then another visitor on the same reply form. ---
  const replyPath = `${post.path}?replytocom=${beaId}`;
  const replyForm = await openCommentForm(http, replyPath);
  expect(replyForm.fields.parentId, 'the reply form answers Bea').toBe(String(beaId));
  await waitOutFillTime(replyForm, minFillSeconds);
  const halReply = await postRawComment(http, origin, replyForm, { body: '', authorName: hal.name, authorEmail: hal.email });
  raw.push({ label: 'refused reply: Hal', status: halReply.status(), headers: headerText(halReply.headersArray()), body: await halReply.text() });
  expect(halReply.status()).toBe(200);
  expect(raw.at(-1)!.body).toContain('Please type your comment.');
  expect(raw.at(-1)!.body).toContain(hal.name); // the name is sent back, the email never
  // Ivy: no cookies, another address, the same page and form just after Hal's answer.
  const ivyClient = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Connection: 'close', 'X-Forwarded-For': randomIp() } });
  const ivyViews: Array<[string, string]> = [];
  for (const [label, headers] of [
    ['HTML', {}],
    ['RSC', { RSC: '1' }],
  ] as const) {
    const view = await ivyClient.get(replyPath, { headers });
    expect(view.status(), `${label} of ${replyPath} for Ivy`).toBe(200);
    ivyViews.push([`${label} of ${replyPath} for another visitor`, `${headerText(view.headersArray())}\n${await view.text()}`]);
  }
  const ivyForm = await openCommentForm(ivyClient, replyPath);
  await waitOutFillTime(ivyForm, minFillSeconds);
  const ivyReply = await postRawComment(ivyClient, origin, ivyForm, { body: '', authorName: ivy.name, authorEmail: ivy.email });
  expect(ivyReply.status()).toBe(200);
  ivyViews.push(['another visitor’s refused reply', `${headerText(ivyReply.headersArray())}\n${await ivyReply.text()}`]);
  expect(ivyViews.at(-1)![1]).toContain('Please type your comment.');
  expect(ivyViews.at(-1)![1], 'Ivy gets her own answer, not Hal’s').not.toContain(hal.name);
  for (const [where, text] of ivyViews) detector.expectClean(text, where);
  await ivyClient.dispose();

  // --- Error pages and odd requests. ---
  const odd = [
    await http.post(post.path, {
      data: 'x',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8', Origin: origin, 'Next-Action': 'f'.repeat(42), 'X-Forwarded-For': randomIp() },
    }),
    await http.post(post.path, {
      data: 'garbage',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x', Origin: origin, 'X-Forwarded-For': randomIp() },
    }),
    await http.post(post.path, {
      data: 'body=x',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example', 'X-Forwarded-For': randomIp() },
    }),
    await http.post(post.path, { data: 'body=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': randomIp() } }),
  ];
  for (const [i, response] of odd.entries()) {
    detector.expectClean(await response.text(), `odd POST ${i}`);
    detector.expectClean(headerText(response.headersArray()), `headers of odd POST ${i}`);
  }

  // --- What came back while posting. ---
  expect(captured.filter((c) => c.method === 'POST').length, 'action calls captured').toBeGreaterThanOrEqual(3);
  for (const c of captured) {
    detector.expectClean(c.body, `${c.method} ${c.url} (${c.status}) while posting`);
    detector.expectClean(c.headers, `headers of ${c.method} ${c.url} while posting`);
  }
  for (const r of raw) {
    detector.expectClean(r.body, `the form post "${r.label}"`);
    detector.expectClean(r.headers, `headers of the form post "${r.label}"`);
  }

  // --- Cookies and storage. ---
  const cookies = [...(await page.context().cookies()), ...(await http.storageState()).cookies];
  expect(cookies.map((c) => c.name)).toContain('pending_comments');
  detector.expectClean(JSON.stringify(cookies), 'the cookie jars');
  detector.expectClean(JSON.stringify(await page.context().storageState()), 'the browser’s storage (the "remember me" box was left unticked)');

  // --- The crawl: as the browser that posted (its held comment shows) and as the no-JavaScript client. ---
  const seeds = [
    '/',
    '/?page=2',
    '/?page=999',
    '/?page=abc',
    post.path,
    `${post.path}?cpage=2`,
    `${post.path}?cpage=0`,
    other.path,
    `${other.path}?cpage=2`,
    `${other.path}?cpage=3`,
    RUSSIA.path,
    HOW_COMMENTS_WORK.path,
    // Threads: a no-JavaScript reply form, permalinks (approved: a redirect to its page, crawled too; held: 404).
    `${post.path}?replytocom=${beaId}`,
    `${post.path}?replytocom=${adaId}`,
    `/posts/${post.slug}/comments/${beaId}`,
    `/posts/${post.slug}/comments/${adaId}`,
    `/posts/${other.slug}/comments/${gusFirst}`,
    `${post.path}?comment=${beaId}`,
    `/posts/no-such-article-${uid}`,
    `/posts/${post.slug}/extra`,
    '/posts',
    '/api/health',
    '/api/nope',
    '/robots.txt',
    '/sitemap.xml',
    '/feed',
    '/feed.xml',
    '/comments/feed.xml',
    `${post.path}/feed.xml`,
    `${other.path}/feed.xml`,
    '/rss.xml',
    '/atom.xml',
    '/manifest.webmanifest',
    '/icon.svg',
    '/favicon.ico',
    '/_next/static/no-such-file.js',
  ];
  const statuses = await crawl(page.request, baseURL!, seeds, detector);
  await crawl(http, baseURL!, [post.path, `${post.path}?cpage=2`, other.path], detector, 20);
  // The crawl saw what it had to: the article with its comments, the other article's second page, a 404.
  expect(statuses.get(post.path)).toBe(200);
  expect(statuses.get(`${other.path}?cpage=2`)).toBe(200);
  expect(statuses.get(`/posts/no-such-article-${uid}`)).toBe(404);
  expect(statuses.get('/api/health')).toBe(200);
  // The feeds and the sitemap were read, with the approved comments in them, and carry no email either.
  for (const feed of ['/feed.xml', '/comments/feed.xml', `${post.path}/feed.xml`, '/sitemap.xml']) expect(statuses.get(feed), feed).toBe(200);
  expect(statuses.get(`${post.path}?replytocom=${beaId}`)).toBe(200);
  expect(statuses.get(`/posts/${post.slug}/comments/${beaId}`)).toBe(302);
  expect(statuses.get(`/posts/${post.slug}/comments/${adaId}`), 'a held comment has no permalink').toBe(404);
  expect(statuses.get(`/posts/${other.slug}/comments/${gusFirst}`)).toBe(302);
  // Linked from nowhere else (one comment page): reached through the permalink's redirect.
  expect(statuses.get(`${post.path}?cpage=1`), 'the permalink’s redirect target was crawled').toBe(200);
  expect(statuses.size, 'URLs crawled').toBeGreaterThan(seeds.length);
  const articleHtml = await (await page.request.get(post.path)).text();
  for (const shown of ['Ada, held for moderation.', 'Bea, approved at once.', 'Dee, approved later.', 'https://dee.example.org/me'])
    expect(articleHtml).toContain(shown);
  const cyView = await (await http.get(post.path, { headers: { 'X-Forwarded-For': randomIp() } })).text();
  expect(cyView).toContain('Cy, held, without JavaScript.');

  // The detector works: the moderation screen does show the emails (only there).
  const adminView = await adminPage.request.get(`/admin/comments?${new URLSearchParams({ post: String(post.id) })}`);
  const found = detector.find(await adminView.text());
  for (const email of [ada.email, bea.email, cy.email, dee.email]) expect(found, 'the admin sees the email').toContain(`${email} (lower-case)`);
});
