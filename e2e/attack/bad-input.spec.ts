import { isIP } from 'node:net';
import type { APIResponse } from '@playwright/test';
import { normaliseWebsite } from '../../src/lib/schemas/comment';
import { findComment } from '../support/db';
import {
  createdCommentId,
  expect,
  expectNoLeak,
  expectServerUp,
  multipart,
  openCommentForm,
  postRawComment,
  randomIp,
  test,
  waitOutFillTime,
  type RawCommentForm,
} from './attack-fixtures';

/**
 * Hostile input over plain HTTP, as a script (or a browser without JavaScript) sends it: each case
 * is either stored safely or refused with a clear message, never a 500 or a stack trace, and the
 * server is still up afterwards. Forms are posted as multipart/form-data built byte by byte.
 */

// 4 bytes in UTF-8, 2 UTF-16 units, 1 character for PostgreSQL. The limits count bytes, as WordPress does.
const EMOJI = '😀';
const MESSAGES = {
  body: 'Your comment is too long: at most 65,525 characters, fewer with emoji or accented letters.',
  name: 'Your name is too long: at most 245 characters, fewer with emoji or accented letters.',
  email: 'Your email address can be at most 100 characters.',
  invalidEmail: 'Please enter a valid email address.',
  url: 'Your website address can be at most 200 characters.',
  badUrl: 'Please enter a website address starting with http:// or https://.',
  duplicate: 'Duplicate comment detected; it looks as though you’ve already said that!',
};

/** The comment ids a pending_comments cookie holds (`1-2-3.signature`, see src/server/comments/visitor-cookie.ts). */
function pendingIds(cookie: string | undefined): number[] {
  const payload = decodeURIComponent(cookie ?? '').split('.')[0];
  return payload ? payload.split('-').map(Number) : [];
}

async function expectRefused(response: APIResponse, message: string): Promise<string> {
  expect(response.status(), `refused with "${message}"`).toBe(200);
  const html = await response.text();
  expect(html).toContain(message);
  expect(html).toContain('Please correct the fields marked below.');
  expectNoLeak(html, 'the refusal');
  return html;
}

async function expectStored(response: APIResponse, slug: string): Promise<number> {
  const body = await response.text();
  expect(response.status(), `stored (303), got ${response.status()}: ${body.slice(0, 300)}`).toBe(303);
  const id = createdCommentId(response, slug);
  expect(id, `redirect to the new comment, got ${response.headers()['location']}`).not.toBeNull();
  return id!;
}

test.describe('bad input', () => {
  test.describe.configure({ timeout: 120_000 });

  let form: RawCommentForm;
  let slug: string;
  test.beforeEach(async ({ http, createPost, minFillSeconds }) => {
    const post = await createPost();
    slug = post.slug;
    form = await openCommentForm(http, post.path);
    // One wait per test: the token is good for any number of different submissions afterwards.
    await waitOutFillTime(form, minFillSeconds);
  });

  test.afterEach(async ({ http }) => {
    await expectServerUp(http);
  });

  test('a comment of 65,525 bytes (16,381 emoji and a letter) is stored whole; 16,382 emoji are refused with the field message', async ({
    http,
    origin,
    db,
  }) => {
    const longest = EMOJI.repeat(16_381) + 'a';
    const id = await expectStored(await postRawComment(http, origin, form, { body: longest }), slug);
    const { rows } = await db.query<{ chars: number; bytes: number; same: boolean }>(
      'SELECT char_length(body) AS chars, octet_length(body) AS bytes, body = $2 AS same FROM "Comment" WHERE id = $1',
      [id, longest],
    );
    expect(rows[0]).toEqual({ chars: 16_382, bytes: 65_525, same: true });

    await expectRefused(await postRawComment(http, origin, form, { body: EMOJI.repeat(16_382) }), MESSAGES.body);
  });

  test('name 245/248 bytes, email 100/101 and website 200/201 characters: the first stored, the second refused', async ({ http, origin, db, uid }) => {
    const name = EMOJI.repeat(61) + 'a';
    const nameId = await expectStored(await postRawComment(http, origin, form, { authorName: name }), slug);
    expect((await findComment(db, nameId))?.authorName).toBe(name);
    await expectRefused(await postRawComment(http, origin, form, { authorName: EMOJI.repeat(62) }), MESSAGES.name);

    const domain = `@${uid.replace(/[^a-z0-9]/gi, '')}.example.com`;
    const email = 'e'.repeat(100 - domain.length) + domain;
    expect(email).toHaveLength(100);
    const emailId = await expectStored(await postRawComment(http, origin, form, { authorEmail: email }), slug);
    expect((await findComment(db, emailId))?.authorEmail).toBe(email);
    await expectRefused(await postRawComment(http, origin, form, { authorEmail: `e${email}` }), MESSAGES.email);

    const url = `https://example.com/${'u'.repeat(180)}`;
    expect(url).toHaveLength(200);
    const urlId = await expectStored(await postRawComment(http, origin, form, { authorUrl: url }), slug);
    expect((await findComment(db, urlId))?.authorUrl).toBe(url);
    await expectRefused(await postRawComment(http, origin, form, { authorUrl: `${url}u` }), MESSAGES.url);
  });

  test('lone surrogates and invalid UTF-8 are stored as U+FFFD, never as broken text', async ({ http, origin, db }) => {
    // A JavaScript string with lone surrogates, as a buggy client would send it (UTF-8 encoders write U+FFFD).
    const fromString = await expectStored(
      await postRawComment(http, origin, form, { body: 'before\uD800middle\uDFFFafter', authorName: 'Lone \uDC00 surrogate' }),
      slug,
    );
    expect(await findComment(db, fromString)).toMatchObject({ body: 'before\uFFFDmiddle\uFFFDafter', authorName: 'Lone \uFFFD surrogate' });

    // The raw bytes: a surrogate encoded as if it were a character (WTF-8/CESU-8), a stray continuation byte, a cut sequence.
    const bytes = Buffer.concat([
      Buffer.from('raw '),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from(' stray '),
      Buffer.from([0x80]),
      Buffer.from(' cut '),
      Buffer.from([0xf0, 0x9f]),
    ]);
    const fromBytes = await expectStored(
      await postRawComment(http, origin, form, { body: bytes, authorName: Buffer.concat([Buffer.from('Bytes '), Buffer.from([0xc3])]) }),
      slug,
    );
    const stored = (await findComment(db, fromBytes))!;
    for (const text of [stored.body, stored.authorName]) {
      expect(text.isWellFormed(), JSON.stringify(text)).toBe(true);
      expect(text).toContain('\uFFFD');
    }
    expect(stored.body).toMatch(/^raw \uFFFD+ stray \uFFFD cut \uFFFD+$/);
  });

  test('NUL bytes are stripped from text, and an email or website with one is refused: never a 500', async ({ http, origin, db }) => {
    const id = await expectStored(await postRawComment(http, origin, form, { body: 'nul\u0000in\u0000the\u0000middle', authorName: 'Nu\u0000ll' }), slug);
    expect(await findComment(db, id)).toMatchObject({ body: 'nulinthemiddle', authorName: 'Null' });

    await expectRefused(await postRawComment(http, origin, form, { authorEmail: 'nul\u0000@example.com' }), MESSAGES.invalidEmail);
    await expectRefused(await postRawComment(http, origin, form, { authorUrl: 'https://exa\u0000mple.com/' }), MESSAGES.badUrl);
    // Only NUL: nothing left to store.
    await expectRefused(await postRawComment(http, origin, form, { body: '\u0000\u0000\u0000' }), 'Please type your comment.');
    // In the hidden fields the page sent: a broken post id is refused; a broken token is filed as spam, silently.
    const badPostId = await postRawComment(http, origin, { ...form, fields: { ...form.fields, postId: `${form.fields.postId}\u0000` } }, {});
    expect(badPostId.status()).toBe(200);
    expectNoLeak(await badPostId.text(), 'a post id with NUL');
    const badToken = await postRawComment(
      http,
      origin,
      { ...form, fields: { ...form.fields, formToken: `${form.fields.formToken}\u0000` } },
      { body: 'Token with NUL.' },
    );
    const spamId = await expectStored(badToken, slug);
    expect((await findComment(db, spamId))?.status).toBe('SPAM');
  });

  test('SQL-looking text is stored verbatim and does nothing', async ({ http, origin, db, adminPage }) => {
    const attack = {
      body: `'); DROP TABLE "Comment"; --\n1' OR '1'='1\n"; DELETE FROM "AdminUser" WHERE '1'='1`,
      authorName: `Robert'); DROP TABLE "Comment";--`,
      authorEmail: `o'reilly+drop@e2e.example.com`,
      authorUrl: `https://example.com/?q=1' OR '1'='1;--`,
    };
    // Counted on this test's own post: the whole table shrinks whenever a parallel test deletes its posts.
    const count = async () =>
      (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM "Comment" WHERE "postId" = $1', [Number(form.fields.postId)])).rows[0]!.n;
    const before = await count();
    const id = await expectStored(await postRawComment(http, origin, form, attack), slug);
    expect(await findComment(db, id)).toMatchObject({
      body: attack.body,
      authorName: attack.authorName,
      authorEmail: attack.authorEmail,
      authorUrl: normaliseWebsite(attack.authorUrl),
    });
    expect(await count()).toBe(before + 1);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM "Comment"')).rows[0]!.n, 'the table is still there, with comments').toBeGreaterThan(
      0,
    );
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM "AdminUser"')).rows[0]!.n).toBeGreaterThan(0);
    // And as a search term on the moderation screen.
    const response = await adminPage.goto(`/admin/comments?${new URLSearchParams({ q: `Robert'); DROP TABLE "Comment";--` })}`);
    expect(response?.status()).toBe(200);
    await expect(adminPage.locator(`li#admin-comment-${id}`)).toContainText(attack.body.split('\n')[0]!);
  });

  test('CR/LF cannot inject a header: the name is flattened to one line, the email refused, the website normalised', async ({ http, origin, db }) => {
    const injected = '\r\nSet-Cookie: injected=1\r\nX-Injected: yes\r\nLocation: https://evil.example/';
    const headerLines = (response: APIResponse) =>
      response
        .headersArray()
        .filter(({ name, value }) => /^x-injected$/i.test(name) || /injected=1|evil\.example/i.test(value))
        .map(({ name, value }) => `${name}: ${value}`);

    const named = await postRawComment(http, origin, form, { authorName: `Eve${injected}`, authorUrl: `https://example.com/${injected}` });
    expect(headerLines(named)).toEqual([]);
    const id = await expectStored(named, slug);
    const stored = (await findComment(db, id))!;
    expect(stored.authorName).toBe('Eve Set-Cookie: injected=1 X-Injected: yes Location: https://evil.example/');
    expect(stored.authorUrl).toBe(normaliseWebsite(`https://example.com/${injected}`));
    expect(stored.authorUrl).not.toMatch(/[\r\n]/);

    // The visitor's own held comment is shown on the page they are sent to: its response too stays clean.
    const page = await http.get(named.headers()['location']!, { headers: { 'X-Forwarded-For': randomIp() } });
    expect(page.status()).toBe(200);
    expect(headerLines(page)).toEqual([]);
    expect(await page.text()).toContain('Eve Set-Cookie: injected=1 X-Injected: yes');
    expect((await http.storageState()).cookies.map((c) => c.name)).not.toContain('injected');

    const emailed = await postRawComment(http, origin, form, { authorEmail: `eve@e2e.example.com${injected}` });
    expect(headerLines(emailed)).toEqual([]);
    await expectRefused(emailed, MESSAGES.invalidEmail);
  });

  test('bidi overrides and zero-width characters are stripped from names', async ({ http, origin, db, uid }) => {
    const invisible = [
      '\u202E',
      '\u202D',
      '\u202A',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200B',
      '\u200C',
      '\u200D',
      '\u200E',
      '\u200F',
      '\u2060',
      '\uFEFF',
      '\u00AD',
    ];
    const name = `\u202EnimdA\u202C Ad\u200Bmin\u200D ${uid}${invisible.join('')}`;
    const id = await expectStored(await postRawComment(http, origin, form, { authorName: name, body: `Body keeps \u202Ethis\u202C as written.` }), slug);
    const stored = (await findComment(db, id))!;
    expect(stored.authorName).toBe(`nimdA Admin ${uid}`);
    expect([...stored.authorName].filter((c) => invisible.includes(c))).toEqual([]);
    // A name of nothing but invisible characters is no name.
    await expectRefused(await postRawComment(http, origin, form, { authorName: invisible.join('') }), 'Please enter your name.');
  });

  // Pen test, issue #9 (finding 10). The e2e server trusts X-Forwarded-For (TRUST_PROXY=1), as behind a proxy.
  test('markup sent as X-Forwarded-For is never stored as the address: a valid one or "unknown" is', async ({ http, origin, db }) => {
    const markup = '<svg onload=alert(1)>';
    for (const forwardedFor of [markup, `${randomIp()}, ${markup}`]) {
      const id = await expectStored(
        await postRawComment(http, origin, form, { body: `Sent with X-Forwarded-For: ${forwardedFor}` }, { ip: forwardedFor }),
        slug,
      );
      const { ip } = (await db.query<{ ip: string }>('SELECT ip FROM "Comment" WHERE id = $1', [id])).rows[0]!;
      expect(ip === 'unknown' || isIP(ip) !== 0, `X-Forwarded-For "${forwardedFor}" stored as the address "${ip}"`).toBe(true);
    }
  });

  // Pen test, issue #9 (finding 11): a cached page gives every reader the same form, token and all.
  test('another reader sending the same form token, email and text is told it is a duplicate, and is not handed the first one’s comment', async ({
    http,
    origin,
    playwright,
    baseURL,
    uid,
  }) => {
    const comment = { body: `Said by the first reader (${uid}).`, authorName: `First ${uid}`, authorEmail: `first.${uid}@e2e.example.com` };
    const firstIp = randomIp();
    const firstId = await expectStored(await postRawComment(http, origin, form, comment, { ip: firstIp }), slug);
    // The same client sending it again (a retry, a double click) is sent to its comment.
    expect(createdCommentId(await postRawComment(http, origin, form, comment, { ip: firstIp }), slug)).toBe(firstId);

    const other = await playwright.request.newContext({ baseURL, timeout: 90_000, extraHTTPHeaders: { Connection: 'close' } });
    try {
      const answer = await postRawComment(other, origin, form, comment); // from another address
      expect(answer.status()).toBe(200);
      const html = await answer.text();
      expect(html).toContain(MESSAGES.duplicate);
      expectNoLeak(html, 'the duplicate answer');
      const cookie = (await other.storageState()).cookies.find((c) => c.name === 'pending_comments');
      expect(pendingIds(cookie?.value)).not.toContain(firstId);
    } finally {
      await other.dispose();
    }
  });

  test('1,000 extra form fields are ignored', async ({ http, origin, db }) => {
    const extra: Array<[string, string]> = Array.from({ length: 1_000 }, (_, i) => [`extra_${i}`, `value ${i}`]);
    // Repeats of the real fields after the real ones, and fields named like React's own.
    extra.push(...Array.from({ length: 50 }, (_, i): [string, string] => ['body', `second body ${i}`]), ['status', 'APPROVED'], ['isAdminReply', 'true']);
    const id = await expectStored(await postRawComment(http, origin, form, { body: 'The first body counts.' }, { extra }), slug);
    expect(await findComment(db, id)).toMatchObject({ body: 'The first body counts.', status: 'PENDING' });
    expect((await db.query('SELECT "isAdminReply" FROM "Comment" WHERE id = $1', [id])).rows[0].isAdminReply).toBe(false);
  });

  test('malformed multipart bodies and foreign content types store nothing and leak nothing', async ({ http, origin, db }) => {
    const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM "Comment" WHERE "postId" = $1', [Number(form.fields.postId)])).rows[0]!.n;
    const B = 'attackBoundary';
    const cases: Array<[string, string, string]> = [
      ['truncated multipart', `multipart/form-data; boundary=${B}`, `--${B}\r\nContent-Disposition: form-data; name="body"\r\n\r\nhello`],
      ['garbage under a multipart type', `multipart/form-data; boundary=${B}`, 'garbage'],
      ['multipart without a boundary', 'multipart/form-data', `--${B}\r\nContent-Disposition: form-data; name="body"\r\n\r\nhello\r\n--${B}--\r\n`],
      [
        'urlencoded',
        'application/x-www-form-urlencoded',
        new URLSearchParams({ ...form.fields, body: 'x', authorName: 'x', authorEmail: 'x@example.com' }).toString(),
      ],
      ['JSON', 'application/json', JSON.stringify({ ...form.fields, body: 'x' })],
    ];
    for (const [label, contentType, body] of cases) {
      const response = await http.post(form.path, {
        data: body,
        headers: { 'Content-Type': contentType, Origin: origin, 'X-Forwarded-For': randomIp() },
        maxRedirects: 0,
      });
      const text = await response.text();
      expectNoLeak(text, label);
      // A multipart body that does not parse is refused by the server's edge before Next.js tries (it
      // answered a bare 500); other content types reach the page, which ignores them.
      if (contentType.startsWith('multipart/')) {
        expect(response.status(), label).toBe(400);
        expect(text, label).toContain('The form could not be read');
      } else {
        expect(response.status(), `${label}: ${response.status()}`).toBeLessThan(500);
      }
    }
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM "Comment" WHERE "postId" = $1', [Number(form.fields.postId)])).rows[0]!.n).toBe(
      before,
    );
  });
});

test.describe('bad input: oversized posts and crafted action arguments', () => {
  test.describe.configure({ timeout: 120_000 });

  // Next.js alone answers a body over serverActions.bodySizeLimit with a bare 500; scripts/server.ts
  // refuses it first with 413 and a plain message.
  test('a 5 MB form post is refused with 413, not a 500', async ({ http, origin, createPost, minFillSeconds }) => {
    const post = await createPost();
    const form = await openCommentForm(http, post.path);
    await waitOutFillTime(form, minFillSeconds);
    const huge = await postRawComment(http, origin, form, { body: 'x'.repeat(5 * 1024 * 1024) });
    const text = await huge.text();
    expectNoLeak(text, 'the answer to a 5 MB post');
    await expectServerUp(http);
    expect(huge.status(), text.slice(0, 200)).toBe(413);
  });

  test('a 5 MB server action call (Next-Action) is refused with 413, not a 500', async ({ http, origin, createPost }) => {
    const post = await createPost();
    const form = await openCommentForm(http, post.path);
    const actionId = (JSON.parse(form.fields['$ACTION_1:0']!) as { id: string }).id;
    const { body, contentType } = multipart([
      ['1_body', 'x'.repeat(5 * 1024 * 1024)],
      ['0', '["$undefined","$K1"]'],
    ]);
    const huge = await http.post(post.path, {
      data: body,
      headers: { 'Content-Type': contentType, Origin: origin, 'Next-Action': actionId, 'X-Forwarded-For': randomIp() },
      maxRedirects: 0,
    });
    const text = await huge.text();
    expectNoLeak(text, 'the answer to a 5 MB action call');
    await expectServerUp(http);
    expect(huge.status(), text.slice(0, 200)).toBe(413);
  });

  // A server action is a public endpoint and can be called with any arguments, not only a form.
  test('the comment action called with arguments that are not a form answers without a 500', async ({ http, origin, createPost }) => {
    const post = await createPost();
    const form = await openCommentForm(http, post.path);
    const actionId = (JSON.parse(form.fields['$ACTION_1:0']!) as { id: string }).id;
    for (const args of ['["$K1"]', '[]', '[null,null]', '[{},"text"]', '[{},{"get":1}]']) {
      const response = await http.post(post.path, {
        data: args,
        headers: { 'Content-Type': 'text/plain;charset=UTF-8', Origin: origin, 'Next-Action': actionId, 'X-Forwarded-For': randomIp() },
        maxRedirects: 0,
      });
      const text = await response.text();
      expectNoLeak(text, `the action called with ${args}`);
      expect(response.status(), `the action called with ${args}: ${text.slice(0, 200)}`).toBeLessThan(500);
    }
    await expectServerUp(http);
  });
});
