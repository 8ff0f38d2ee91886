import { randomBytes } from 'node:crypto';
import type { APIRequest, APIRequestContext, BrowserContext, Page } from '@playwright/test';
import { encode } from 'next-auth/jwt';
import type pg from 'pg';
import { commentRow, disclosure, expect, notice, sessionCookie, signIn, signOut, test, type AdminComment, type TestAdmin } from './admin-fixtures';
import type { TestPost } from '../support/db';

// ───────────────────────── Admin pages without a session ─────────────────────────

const PAGE_PATHS = (commentId: number) => [
  '/admin',
  '/admin/comments',
  `/admin/comments/${commentId}/edit`,
  '/admin/settings',
  '/admin/posts',
  '/admin/audit',
  '/admin/account',
];

/**
 * Header and URL tricks that have made Next.js apps skip their auth checks or serve a cached render.
 * `toLogin`: how the answer sends the visitor to sign in (an HTTP redirect, or the redirect
 * instruction inside a React Server Components payload); prefetches and `.rsc` carry no page at all.
 */
const VARIANTS: { label: string; headers?: Record<string, string>; path?: (path: string) => string; toLogin?: 'http' | 'rsc' }[] = [
  { label: 'plain', toLogin: 'http' },
  { label: 'x-middleware-subrequest', headers: { 'x-middleware-subrequest': 'middleware:middleware:middleware' }, toLogin: 'http' },
  { label: 'RSC', headers: { RSC: '1' }, toLogin: 'rsc' },
  { label: 'RSC prefetch', headers: { RSC: '1', 'Next-Router-Prefetch': '1' } },
  { label: '?_rsc', path: (p) => withQuery(p, '_rsc=abc'), toLogin: 'http' },
  { label: '?_rsc with RSC', headers: { RSC: '1' }, path: (p) => withQuery(p, '_rsc=abc'), toLogin: 'rsc' },
  { label: '.rsc', path: (p) => p.replace(/(\?|$)/, '.rsc$1') },
];

function withQuery(path: string, query: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}${query}`;
}

/** Follows redirects by hand so every hop's body can be checked, not just the last one. */
async function fetchAll(
  request: APIRequestContext,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ url: string; status: number; body: string }[]> {
  const hops: { url: string; status: number; body: string }[] = [];
  let url = path;
  for (let hop = 0; hop < 5; hop++) {
    const response = await request.get(url, { headers, maxRedirects: 0 });
    hops.push({ url, status: response.status(), body: await response.text() });
    const location = response.headers().location;
    if (response.status() < 300 || response.status() >= 400 || !location) break;
    url = location;
  }
  return hops;
}

test('admin pages without a session lead to the sign-in page and show no admin data, however they are asked for', async ({
  browser,
  playwright,
  baseURL,
  createPost,
  newAuthor,
  addComment,
  adminPage,
}) => {
  const post = await createPost();
  const ada = newAuthor('Secret');
  const text = `Private until approved (${ada.name}).`;
  const id = await addComment(post.id, { authorName: ada.name, authorEmail: ada.email, body: text, status: 'PENDING', ip: '198.51.100.77' });
  const secrets = [ada.email, text, '198.51.100.77'];
  const paths = [...PAGE_PATHS(id), `/admin/comments?post=${post.id}`, `/admin/comments?status=pending&q=${encodeURIComponent(ada.email)}`];

  // Control: signed in, the same requests do carry the data (so its absence below means something).
  for (const headers of [{}, { RSC: '1' }] as Record<string, string>[]) {
    const response = await adminPage.request.get(`/admin/comments?post=${post.id}`, { headers });
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain(ada.email);
  }

  // In a browser.
  const anonymous = await browser.newContext({ baseURL });
  const page = await anonymous.newPage();
  for (const path of paths) {
    await page.goto(path);
    await expect(page, path).toHaveURL('/admin/login');
    const html = await page.content();
    for (const secret of secrets) expect(html, `${path} shows ${secret}`).not.toContain(secret);
  }
  await anonymous.close();

  // As raw requests, with each trick.
  const request = await playwright.request.newContext({ baseURL });
  for (const path of paths) {
    for (const variant of VARIANTS) {
      const url = variant.path ? variant.path(path) : path;
      const hops = await fetchAll(request, url, variant.headers);
      const where = `${url} (${variant.label})`;
      for (const hop of hops) {
        for (const secret of secrets) expect(hop.body, `${where}: ${hop.url} → ${hop.status} contains ${secret}`).not.toContain(secret);
        expect(hop.status, `${where}: ${hop.url}`).not.toBeGreaterThanOrEqual(500);
      }
      const last = hops.at(-1)!;
      if (variant.toLogin === 'http') {
        expect(hops[0]!.status, where).toBe(307);
        expect(last.url, where).toBe('/admin/login');
        expect(last.body, where).toContain('Sign in');
      } else if (variant.toLogin === 'rsc') {
        expect(last.status, where).toBe(200);
        expect(last.body, where).toContain('/admin/login');
      }
    }
  }
  await request.dispose();
});

test('admin pages are never stored by a shared cache', async ({ adminPage, createPost, addComment, newAuthor, playwright, baseURL }) => {
  const post = await createPost();
  const ada = newAuthor('Ada');
  const id = await addComment(post.id, { authorName: ada.name, authorEmail: ada.email, body: 'Cache me not.', status: 'PENDING' });
  const anonymous = await playwright.request.newContext({ baseURL });
  for (const path of [...PAGE_PATHS(id).filter((p) => p !== '/admin'), '/admin/login']) {
    const signedIn = await adminPage.request.get(path);
    expect(signedIn.status(), path).toBe(200);
    expect(signedIn.headers()['cache-control'], path).toMatch(/private.*no-store|no-store.*private/);
    const signedOut = await anonymous.get(path, { maxRedirects: 0 });
    expect(signedOut.headers()['cache-control'], `${path} signed out`).toContain('no-store');
  }
  await anonymous.dispose();
});

// ───────────────────────── Admin actions replayed without a valid session ─────────────────────────

interface Captured {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** Records the server-action POSTs a page sends (script calls and plain form posts alike). */
function recordActions(page: Page): () => Promise<Captured[]> {
  const pending: Promise<Captured | null>[] = [];
  page.on('request', (request) => {
    if (request.method() !== 'POST') return;
    pending.push(
      request.allHeaders().then((headers) => {
        const body = request.postDataBuffer() ?? Buffer.alloc(0);
        const isAction = 'next-action' in headers || body.includes('$ACTION_');
        return isAction ? { url: request.url(), headers, body } : null;
      }),
    );
  });
  return async () => (await Promise.all(pending)).filter((c): c is Captured => c !== null);
}

const DROPPED_HEADERS = new Set(['cookie', 'content-length', 'host', 'connection', 'accept-encoding']);

/** Sends the captured request again from a fresh client, with only the given session cookie (or none). */
async function replay(api: APIRequest, captured: Captured, cookie?: string) {
  const headers = Object.fromEntries(Object.entries(captured.headers).filter(([name]) => !DROPPED_HEADERS.has(name) && !name.startsWith(':')));
  if (cookie !== undefined) headers.cookie = `next-auth.session-token=${cookie}`;
  const client = await api.newContext();
  try {
    const response = await client.post(captured.url, { headers, data: captured.body, maxRedirects: 0 });
    return { status: response.status(), location: response.headers().location, body: await response.text() };
  } finally {
    await client.dispose();
  }
}

interface ScenarioFixtures {
  db: pg.Pool;
  admin: TestAdmin;
  createPost: () => Promise<TestPost>;
  addComment: (postId: number, comment: AdminComment) => Promise<number>;
  name: (label: string) => string;
}

interface Scenario<T> {
  name: string;
  /** Changes something every other test relies on: run alone (site lock). */
  exclusive?: boolean;
  /** Signs out of its own accord, so the "before sign-out" cookie is taken before it. */
  signsOut?: boolean;
  arrange: (f: ScenarioFixtures) => Promise<T>;
  /** Does it once through the admin UI, as a person would. */
  perform: (page: Page, data: T, f: ScenarioFixtures) => Promise<void>;
  /** Puts the database back so that an accepted replay would change it again. */
  reset: (data: T, f: ScenarioFixtures) => Promise<void>;
  /** What an accepted replay would change. */
  state: (data: T, f: ScenarioFixtures) => Promise<unknown>;
}

function scenario<T>(s: Scenario<T>): Scenario<unknown> {
  return s as Scenario<unknown>;
}

async function commentState(db: pg.Pool, ids: number[]) {
  const { rows } = await db.query('SELECT id, status, version, body FROM "Comment" WHERE id = ANY($1::int[]) ORDER BY id', [ids]);
  return rows;
}

const SCENARIOS: Scenario<unknown>[] = [
  scenario({
    name: 'moderating one comment',
    async arrange({ createPost, addComment, name }) {
      const post = await createPost();
      const author = name('Ada');
      const id = await addComment(post.id, {
        authorName: author,
        authorEmail: `${author.replace(/\W/g, '.')}@e2e.example.com`,
        body: 'Approve me.',
        status: 'PENDING',
      });
      return { post, author, id };
    },
    async perform(page, { post, author }) {
      await page.goto(`/admin/comments?post=${post.id}`);
      await commentRow(page, author)
        .getByRole('button', { name: `Approve comment by ${author}`, exact: true })
        .click();
      await expect(notice(page)).toHaveText('1 comment approved.');
    },
    async reset({ id }, { db }) {
      await db.query(`UPDATE "Comment" SET status = 'PENDING', version = 0 WHERE id = $1`, [id]);
    },
    state: ({ id }, { db }) => commentState(db, [id]),
  } satisfies Scenario<{ post: TestPost; author: string; id: number }>),

  scenario({
    name: 'a bulk action',
    async arrange({ createPost, addComment, name }) {
      const post = await createPost();
      const authors = [name('Ada'), name('Bea')];
      const ids = [];
      for (const author of authors)
        ids.push(
          await addComment(post.id, { authorName: author, authorEmail: `${author.replace(/\W/g, '.')}@e2e.example.com`, body: 'Bin me.', status: 'PENDING' }),
        );
      return { post, authors, ids };
    },
    async perform(page, { post, authors }) {
      await page.goto(`/admin/comments?post=${post.id}`);
      for (const author of authors) await page.getByRole('checkbox', { name: `Select comment by ${author}`, exact: true }).check();
      await page.getByLabel('Bulk action').selectOption({ label: 'Move to Trash' });
      await page.getByRole('button', { name: 'Apply to selected' }).click();
      await expect(notice(page)).toHaveText('2 comments moved to the Trash.');
    },
    async reset({ ids }, { db }) {
      await db.query(`UPDATE "Comment" SET status = 'PENDING' WHERE id = ANY($1::int[])`, [ids]);
    },
    state: ({ ids }, { db }) => commentState(db, ids),
  } satisfies Scenario<{ post: TestPost; authors: string[]; ids: number[] }>),

  scenario({
    name: 'emptying the spam',
    exclusive: true,
    async arrange({ createPost, addComment, name }) {
      const post = await createPost();
      const author = name('Spammer');
      await addComment(post.id, { authorName: author, authorEmail: `${author.replace(/\W/g, '.')}@e2e.example.com`, body: 'Buy now.', status: 'SPAM' });
      return { post, author };
    },
    async perform(page, { post }) {
      await page.goto(`/admin/comments?status=spam&post=${post.id}`);
      await disclosure(page, 'Empty Spam').click();
      await page.getByRole('button', { name: 'Yes, delete them permanently' }).click();
      await expect(notice(page)).toHaveText(/deleted permanently\.$/);
    },
    async reset({ post, author }, { addComment }) {
      // Marked spam before the captured form was shown, so a replay that got through would delete it.
      await addComment(post.id, {
        authorName: author,
        authorEmail: `${author.replace(/\W/g, '.')}@e2e.example.com`,
        body: 'Buy now, again.',
        status: 'SPAM',
        statusChangedAt: new Date(Date.now() - 3_600_000),
      });
    },
    async state({ post }, { db }) {
      const { rows } = await db.query(`SELECT count(*)::int AS spam FROM "Comment" WHERE "postId" = $1 AND status = 'SPAM'`, [post.id]);
      return rows;
    },
  } satisfies Scenario<{ post: TestPost; author: string }>),

  scenario({
    name: 'replying',
    async arrange({ createPost, addComment, name }) {
      const post = await createPost();
      const author = name('Ada');
      const id = await addComment(post.id, {
        authorName: author,
        authorEmail: `${author.replace(/\W/g, '.')}@e2e.example.com`,
        body: 'Talk to me.',
        status: 'APPROVED',
      });
      return { post, author, id };
    },
    async perform(page, { post, author }) {
      await page.goto(`/admin/comments?post=${post.id}`);
      const row = commentRow(page, author);
      await disclosure(row, 'Reply').click();
      await row.getByLabel(`Your reply to ${author}`).fill('Replying once.');
      await row.getByRole('button', { name: 'Reply', exact: true }).click();
      await expect(notice(page)).toHaveText('Reply published.');
    },
    async reset({ id }, { db }) {
      await db.query('DELETE FROM "Comment" WHERE "parentId" = $1', [id]);
    },
    async state({ id }, { db }) {
      const { rows } = await db.query('SELECT id, body FROM "Comment" WHERE "parentId" = $1 ORDER BY id', [id]);
      return rows;
    },
  } satisfies Scenario<{ post: TestPost; author: string; id: number }>),

  scenario({
    name: 'editing a comment',
    async arrange({ createPost, addComment, name }) {
      const post = await createPost();
      const author = name('Ada');
      const id = await addComment(post.id, {
        authorName: author,
        authorEmail: `${author.replace(/\W/g, '.')}@e2e.example.com`,
        body: 'Original words.',
        status: 'APPROVED',
      });
      return { id };
    },
    async perform(page, { id }) {
      await page.goto(`/admin/comments/${id}/edit`);
      await page.getByLabel('Comment', { exact: true }).fill('Words put in their mouth.');
      await page.getByRole('button', { name: 'Update comment' }).click();
      await expect(notice(page)).toHaveText('Comment updated.');
    },
    async reset({ id }, { db }) {
      await db.query(`UPDATE "Comment" SET body = 'Original words.', version = 0 WHERE id = $1`, [id]);
    },
    state: ({ id }, { db }) => commentState(db, [id]),
  } satisfies Scenario<{ id: number }>),

  scenario({
    name: 'saving the settings',
    exclusive: true,
    async arrange({ db, name }) {
      const { rows } = await db.query<{ words: string }>('SELECT "moderationWords" AS words FROM "DiscussionSettings" WHERE id = 1');
      return { word: name('hold').replace(/\W/g, '-'), before: rows[0]?.words ?? '' };
    },
    async perform(page, { word }) {
      await page.goto('/admin/settings');
      await page.getByLabel(/^Comment moderation: hold a comment containing/).fill(word);
      await page.getByRole('button', { name: 'Save settings' }).click();
      await expect(notice(page)).toHaveText('Settings saved.');
    },
    async reset({ before }, { db }) {
      await db.query('UPDATE "DiscussionSettings" SET "moderationWords" = $1 WHERE id = 1', [before]);
    },
    async state(_data, { db }) {
      const { rows } = await db.query('SELECT * FROM "DiscussionSettings"');
      return rows.map(({ updatedAt: _updatedAt, ...row }) => row);
    },
  } satisfies Scenario<{ word: string; before: string }>),

  scenario({
    name: 'closing comments on a post',
    async arrange({ createPost }) {
      return { post: await createPost() };
    },
    async perform(page, { post }) {
      await page.goto('/admin/posts');
      await page.getByRole('button', { name: `Close comments on ${post.title}` }).click();
      await expect(page.getByRole('button', { name: `Open comments on ${post.title}` })).toBeVisible();
    },
    async reset({ post }, { db }) {
      await db.query('UPDATE "Post" SET "commentsOpen" = true WHERE id = $1', [post.id]);
    },
    async state({ post }, { db }) {
      const { rows } = await db.query('SELECT "commentsOpen" FROM "Post" WHERE id = $1', [post.id]);
      return rows;
    },
  } satisfies Scenario<{ post: TestPost }>),

  scenario({
    name: 'changing the password',
    async arrange({ db, admin }) {
      const { rows } = await db.query<{ passwordHash: string }>('SELECT "passwordHash" FROM "AdminUser" WHERE id = $1', [admin.id]);
      return { oldHash: rows[0]!.passwordHash };
    },
    async perform(page, _data, { admin }) {
      await page.goto('/admin/account');
      await page.getByLabel('Current password').fill(admin.password);
      await page.getByLabel('New password (at least 12 characters)').fill(`${admin.password}-stolen`);
      await page.getByLabel('New password again').fill(`${admin.password}-stolen`);
      await page.getByRole('button', { name: 'Change password' }).click();
      await expect(notice(page)).toHaveText('Password changed. Other sessions have been signed out.');
    },
    async reset({ oldHash }, { db, admin }) {
      await db.query('UPDATE "AdminUser" SET "passwordHash" = $2 WHERE id = $1', [admin.id, oldHash]);
    },
    async state(_data, { db, admin }) {
      const { rows } = await db.query('SELECT "passwordHash", "sessionVersion" FROM "AdminUser" WHERE id = $1', [admin.id]);
      return rows;
    },
  } satisfies Scenario<{ oldHash: string }>),

  scenario({
    name: 'signing out',
    signsOut: true,
    arrange: async () => ({}),
    async perform(page, _data, { admin }) {
      await signOut(page, admin);
    },
    reset: async () => {},
    async state(_data, { db, admin }) {
      const { rows } = await db.query('SELECT "sessionVersion" FROM "AdminUser" WHERE id = $1', [admin.id]);
      return rows;
    },
  } satisfies Scenario<Record<string, never>>),
];

for (const s of SCENARIOS) {
  test.describe(`${s.name}, replayed`, () => {
    if (s.exclusive) test.use({ siteLock: 'exclusive' });

    for (const javaScript of [true, false]) {
      const how = javaScript ? 'as a script call (Next-Action)' : 'as a plain form post (no JavaScript)';
      test(`${how} without a valid session changes nothing`, async ({ playwright, newContext, createAdmin, createPost, addComment, db, uid }) => {
        const admin = await createAdmin('Guard');
        const f: ScenarioFixtures = { db, admin, createPost: () => createPost(), addComment, name: (label) => `${label} ${uid}` };
        const context: BrowserContext = await newContext({ javaScriptEnabled: javaScript });
        const page = await context.newPage();
        await signIn(page, admin);
        const data = await s.arrange(f);
        const recorded = recordActions(page);
        const cookieBeforeAction = await sessionCookie(context);

        await s.perform(page, data, f);

        const actions = await recorded();
        expect(actions, 'one action request').toHaveLength(1);
        const captured = actions[0]!;
        if (javaScript) expect(captured.headers['next-action']).toMatch(/^[0-9a-f]{40,}$/);
        else {
          expect(captured.headers['next-action']).toBeUndefined();
          expect(captured.headers['content-type']).toMatch(/^multipart\/form-data/);
          expect(captured.body.toString()).toMatch(/name="\$ACTION_(ID_[0-9a-f]{40,}|REF_\d+)"/);
        }

        const state = async () => ({
          data: await s.state(data, f),
          audit: (await db.query('SELECT count(*)::int AS n FROM "AuditLog" WHERE "adminId" = $1', [admin.id])).rows[0],
        });
        const expectRefused = async (cookie: string | undefined, label: string) => {
          const before = await state();
          const response = await replay(playwright.request, captured, cookie);
          if (javaScript) expect(response.status, label).toBe(401);
          else {
            expect(response.status, label).toBe(303);
            expect(response.location, label).toBe('/admin/login');
          }
          expect(await state(), `${label}: database unchanged`).toEqual(before);
        };

        await s.reset(data, f);
        // (a) no cookie, (b) a forged one, (c) a well-formed token signed with another secret.
        const { rows } = await db.query<{ v: number }>('SELECT "sessionVersion" AS v FROM "AdminUser" WHERE id = $1', [admin.id]);
        const wronglySigned = await encode({
          secret: `not-the-secret-${randomBytes(16).toString('hex')}`,
          token: { sub: String(admin.id), email: admin.email, name: admin.name, sessionVersion: rows[0]!.v },
        });
        await expectRefused(undefined, 'no cookie');
        await expectRefused(`forged.${randomBytes(24).toString('base64url')}`, 'forged cookie');
        await expectRefused(wronglySigned, 'token signed with another secret');

        // (d) the real cookie, taken before signing out, replayed after.
        const stale = s.signsOut ? cookieBeforeAction : await sessionCookie(context);
        if (!s.signsOut) await signOut(page, admin);
        await expectRefused(stale, 'cookie from before the sign-out');

        // Control: with a live session the very same request does change things, so the refusals above are real.
        await signIn(page, admin);
        const live = await sessionCookie(context);
        const before = await state();
        const accepted = await replay(playwright.request, captured, live);
        expect(accepted.status, 'replay with a live session').toBeLessThan(400);
        expect(await state(), 'replay with a live session changes the database').not.toEqual(before);
      });
    }
  });
}
