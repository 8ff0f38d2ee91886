import type { APIRequestContext, APIResponse, Page } from '@playwright/test';
import type { CommentStatus } from '../support/db';
import { disclosure, sessionCookie, signIn } from '../admin/admin-fixtures';
import { createdCommentId, expect, expectServerUp, multipart, openCommentForm, postRawComment, randomIp, test, waitOutFillTime } from './attack-fixtures';

/**
 * Races. Many copies of one request at once must leave the database as one of them would have:
 * one comment for one form, one winner per moderation race, one audit entry per change, no 500.
 */

const TOO_FAST = 'You are posting comments too quickly. Slow down.';
const DUPLICATE = 'Duplicate comment detected; it looks as though you’ve already said that!';
// The app's "try again" when it got no database connection in time (the flood check's pool has 3).
const SAVE_FAILED = 'Your comment could not be saved right now, please try again.';

test.describe('concurrency', () => {
  test.describe.configure({ timeout: 180_000 });
  // These bursts exhaust the database pool for a few seconds on purpose. Holding the site lock
  // exclusively (e2e/admin/admin-fixtures.ts) keeps every other locking test from running meanwhile,
  // so none of them fails for want of a connection.
  test.use({ siteLock: 'exclusive' });

  for (const sameAddress of [false, true]) {
    test(`50 identical submissions at once store one comment${sameAddress ? ', from one address' : ', from 50 addresses'}`, async ({
      http,
      origin,
      db,
      createPost,
      uid,
      minFillSeconds,
    }) => {
      const post = await createPost();
      const form = await openCommentForm(http, post.path);
      await waitOutFillTime(form, minFillSeconds);
      const ip = randomIp();
      const comment = {
        body: `Said once, sent fifty times (${uid}).`,
        authorName: `Echo ${uid}`,
        authorEmail: `echo.${uid}@e2e.example.com`,
        authorUrl: 'https://echo.example.org/',
      };

      const responses = await Promise.all(Array.from({ length: 50 }, () => postRawComment(http, origin, form, comment, { ip: sameAddress ? ip : randomIp() })));

      const { rows } = await db.query<{ id: number; status: CommentStatus }>('SELECT id, status FROM "Comment" WHERE "postId" = $1', [post.id]);
      expect(rows, 'exactly one comment stored').toHaveLength(1);
      const [stored] = rows;
      expect(stored!.status).toBe('PENDING');
      const outcomes: string[] = [];
      for (const response of responses) {
        expect(response.status(), 'never a server error').toBeLessThan(500);
        const id = createdCommentId(response, post.slug);
        if (id !== null) {
          expect(id, 'every redirect goes to the one comment').toBe(stored!.id);
          outcomes.push('redirect');
          continue;
        }
        expect(response.status()).toBe(200);
        const html = await response.text();
        // Copies that reach the flood check before the first is stored are told to slow down (one email, and maybe one address).
        const message = [TOO_FAST, DUPLICATE, SAVE_FAILED].find((m) => html.includes(m));
        expect(message, `a clear message instead of a redirect: ${html.slice(0, 200)}`).toBeTruthy();
        outcomes.push(message!);
      }
      expect(outcomes.filter((o) => o === 'redirect').length, 'at least the winner is sent to its comment').toBeGreaterThanOrEqual(1);
      // Only the sender's own copies are that comment: from another address the same form is someone
      // else's (a cached page hands every reader the same form), a duplicate or, within the flood
      // interval of the same email, too fast. Never a redirect to another reader's comment.
      if (!sameAddress)
        expect(
          outcomes.filter((o) => o === 'redirect'),
          'from distinct addresses only the winner is sent to the comment',
        ).toHaveLength(1);
      test.info().annotations.push({
        type: 'outcomes',
        description: JSON.stringify(outcomes.reduce<Record<string, number>>((n, o) => ((n[o] = (n[o] ?? 0) + 1), n), {})),
      });
      await expectServerUp(http);
    });
  }

  test('approve against delete (and their rivals trash and restore) on 50 comments, from two admins, all 100 requests at once: one winner each, one audit entry per change', async ({
    adminPage,
    workerAdmin,
    newContext,
    createAdmin,
    http,
    origin,
    db,
    createPost,
    addComment,
    uid,
  }) => {
    // Two admins, each signed in in their own browser.
    const rival = await createAdmin('Rival');
    const rivalPage = await (await newContext({ ip: randomIp() })).newPage();
    await signIn(rivalPage, rival);
    const admins = [
      { email: workerAdmin.email, cookie: await sessionCookie(adminPage.context()) },
      { email: rival.email, cookie: await sessionCookie(rivalPage.context()) },
    ];

    // The real action requests, captured once from the moderation screen (Approve, then Delete permanently).
    const probePost = await createPost();
    const emptyPost = await createPost(); // where every replayed action returns to: a short page to render
    const probeName = `Probe ${uid}`;
    await addComment(probePost.id, { authorName: probeName, authorEmail: `probe.${uid}@e2e.example.com`, body: 'Approve me.', status: 'PENDING' });
    await addComment(probePost.id, { authorName: `${probeName} bin`, authorEmail: `probe-bin.${uid}@e2e.example.com`, body: 'Delete me.', status: 'TRASH' });
    await adminPage.goto(`/admin/comments?post=${probePost.id}`);
    const approveCall = await captureAction(adminPage, () => adminPage.getByRole('button', { name: `Approve comment by ${probeName}`, exact: true }).click());
    await adminPage.goto(`/admin/comments?status=trash&post=${probePost.id}`);
    await disclosure(adminPage.getByRole('listitem', { name: `${probeName} bin` }), 'Delete permanently').click();
    const deleteCall = await captureAction(adminPage, () => adminPage.getByRole('button', { name: 'Yes, delete permanently' }).click());
    expect(fieldNamed(approveCall.fields, 'action')).toBe('approve');
    expect(fieldNamed(deleteCall.fields, 'action')).toBe('delete');
    expect(approveCall.headers['next-action']).toBe(deleteCall.headers['next-action']);

    // 50 comments, four kinds of race, by turns.
    type Race = { from: CommentStatus; first: string; second: string; winners: string[] };
    const RACES: Race[] = [
      { from: 'PENDING', first: 'approve', second: 'delete', winners: ['approve'] }, // delete applies to spam and trash only
      { from: 'TRASH', first: 'approve', second: 'delete', winners: ['delete'] }, // approve applies to pending only
      { from: 'PENDING', first: 'approve', second: 'trash', winners: ['approve', 'trash'] },
      { from: 'TRASH', first: 'restore', second: 'delete', winners: ['restore', 'delete'] },
    ];
    const TO: Record<string, CommentStatus | null> = { approve: 'APPROVED', trash: 'TRASH', restore: 'PENDING', delete: null };
    const post = await createPost();
    const comments: Array<{ id: number; race: Race }> = [];
    for (let i = 0; i < 50; i++) {
      const race = RACES[i % RACES.length]!;
      comments.push({
        id: await addComment(post.id, {
          authorName: `Racer ${i} ${uid}`,
          authorEmail: `racer-${i}.${uid}@e2e.example.com`,
          body: `Race ${i}.`,
          status: race.from,
        }),
        race,
      });
    }
    const ids = comments.map((c) => c.id);
    // Versions as the admins' screens would show them, fresh from PostgreSQL.
    const versions = await versionsOf(db, ids);
    const returnTo = `/admin/comments?post=${emptyPost.id}`;
    const replay = (admin: (typeof admins)[number], action: string, id: number, version: number) =>
      replayAction(http, origin, admin.cookie, action === 'delete' ? deleteCall : approveCall, { action, id: String(id), version: String(version), returnTo });

    // Both admins act on every comment at the same moment: 100 requests in flight, far more than the
    // database pool's 10 connections. A call that gets no connection in time is told "try again"
    // (notice "failed"); whatever happens, the database must be consistent.
    const runRace = ({ id, race }: (typeof comments)[number], i: number) => {
      // Alternate who sends which, so neither admin is always first in line.
      const [a, b] = i % 2 ? [admins[0]!, admins[1]!] : [admins[1]!, admins[0]!];
      return Promise.all([
        replay(a, race.first, id, versions.get(id)!).then((outcome) => ({ id, action: race.first, admin: a.email, outcome })),
        replay(b, race.second, id, versions.get(id)!).then((outcome) => ({ id, action: race.second, admin: b.email, outcome })),
      ]);
    };
    const results = (await Promise.all(comments.map(runRace))).flat();
    const serverErrors = results.filter((r) => r.outcome.startsWith('http 5'));
    expect(serverErrors, 'no 500 for any racing request').toEqual([]);
    expect(
      results.filter((r) => !['done', 'conflict', 'failed'].includes(r.outcome)),
      'every outcome is a change, a conflict or the app’s “try again”',
    ).toEqual([]);

    const after = await db.query<{ id: number; status: CommentStatus; version: number }>(
      'SELECT id, status, version FROM "Comment" WHERE id = ANY($1::int[])',
      [ids],
    );
    const audit = await db.query<{ commentId: number; action: string; adminEmail: string; fromStatus: CommentStatus; toStatus: CommentStatus | null }>(
      'SELECT "commentId", action, "adminEmail", "fromStatus", "toStatus" FROM "AuditLog" WHERE "commentId" = ANY($1::int[]) ORDER BY id',
      [ids],
    );
    for (const { id, race } of comments) {
      const mine = results.filter((r) => r.id === id);
      const won = mine.filter((r) => r.outcome === 'done');
      const row = after.rows.find((r) => r.id === id);
      const entries = audit.rows.filter((a) => a.commentId === id);
      expect(won.length, `comment ${id}: at most one change`).toBeLessThanOrEqual(1);
      if (won.length === 0) {
        // When a call was told "try again", possibly nothing changed: then nothing may have.
        expect(
          mine.some((r) => r.outcome === 'failed'),
          `comment ${id}: no change only when a call failed`,
        ).toBe(true);
        expect(row, `comment ${id} unchanged`).toEqual({ id, status: race.from, version: versions.get(id)! });
        expect(entries, `comment ${id}: no audit entry without a change`).toEqual([]);
        continue;
      }
      const winner = won[0]!;
      expect(race.winners, `comment ${id}: ${winner.action} may win from ${race.from}`).toContain(winner.action);
      if (TO[winner.action] === null) expect(row, `comment ${id} deleted`).toBeUndefined();
      else expect(row, `comment ${id} after ${winner.action}`).toEqual({ id, status: TO[winner.action], version: versions.get(id)! + 1 });
      expect(entries, `comment ${id}: exactly one audit entry, for the change that happened`).toEqual([
        { commentId: id, action: winner.action, adminEmail: winner.admin, fromStatus: race.from, toStatus: TO[winner.action] },
      ]);
    }
    expect(results.filter((r) => r.outcome === 'done').length, 'changes').toBeGreaterThanOrEqual(
      comments.length - results.filter((r) => r.outcome === 'failed').length,
    );
    test.info().annotations.push({ type: 'outcomes', description: JSON.stringify(countBy(results.map((r) => r.outcome))) });

    // The same requests again with the versions the admins saw before: every one is told it is stale, nothing changes.
    const stale = await inBatches(
      after.rows.filter((r) => r.version > versions.get(r.id)!),
      20,
      ({ id }, i) => replay(admins[i % 2]!, 'approve', id, versions.get(id)!),
    );
    expect(
      stale.filter((o) => o !== 'conflict' && o !== 'failed'),
      'stale versions are refused',
    ).toEqual([]);
    expect(stale).toContain('conflict');
    expect((await db.query('SELECT count(*)::int AS n FROM "AuditLog" WHERE "commentId" = ANY($1::int[])', [ids])).rows[0].n).toBe(audit.rows.length);

    // A second round with fresh versions on the survivors: still one change per comment at most.
    const survivors = after.rows.map((r) => r.id);
    const fresh = await versionsOf(db, survivors);
    const round2 = (
      await inBatches(survivors, 20, (id) =>
        Promise.all([
          replay(admins[0]!, 'approve', id, fresh.get(id)!).then((outcome) => ({ id, action: 'approve', outcome })),
          replay(admins[1]!, 'delete', id, fresh.get(id)!).then((outcome) => ({ id, action: 'delete', outcome })),
        ]),
      )
    ).flat();
    expect(
      round2.filter((r) => !['done', 'conflict', 'failed'].includes(r.outcome)),
      'round two: changes, conflicts and “try again” only',
    ).toEqual([]);
    const final = await db.query<{ id: number; status: CommentStatus; version: number }>(
      'SELECT id, status, version FROM "Comment" WHERE id = ANY($1::int[])',
      [survivors],
    );
    const auditAfter = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM "AuditLog" WHERE "commentId" = ANY($1::int[])', [ids]);
    const changes = round2.filter((r) => r.outcome === 'done');
    expect(auditAfter.rows[0]!.n, 'one audit entry per successful change').toBe(audit.rows.length + changes.length);
    for (const id of survivors) {
      const mine = changes.filter((r) => r.id === id);
      const before = after.rows.find((r) => r.id === id)!;
      const row = final.rows.find((r) => r.id === id);
      expect(mine.length, `comment ${id}: at most one change`).toBeLessThanOrEqual(1);
      if (mine.length === 0) expect(row).toEqual(before);
      else if (mine[0]!.action === 'approve') expect(row).toEqual({ id, status: 'APPROVED', version: before.version + 1 });
      else expect(row).toBeUndefined();
      // Approve applies to pending comments only, delete to trash (and spam) only.
      const failed = round2.some((r) => r.id === id && r.outcome === 'failed');
      const expected = before.status === 'PENDING' ? ['approve'] : before.status === 'TRASH' ? ['delete'] : [];
      if (!(failed && mine.length === 0))
        expect(
          mine.map((m) => m.action),
          `comment ${id} (${before.status})`,
        ).toEqual(expected);
    }
    await expectServerUp(http);
  });
});

interface CapturedAction {
  path: string;
  headers: Record<string, string>;
  fields: Array<[string, string]>;
}

/** Runs `act` and records the server action request (Next-Action) it sends, as the browser sent it. */
async function captureAction(page: Page, act: () => Promise<void>): Promise<CapturedAction> {
  const sent = page.waitForRequest((r) => r.method() === 'POST' && 'next-action' in r.headers());
  await act();
  const request = await sent;
  await request.response();
  const headers = request.headers();
  return {
    path: new URL(request.url()).pathname + new URL(request.url()).search,
    headers,
    fields: parseMultipart(request.postDataBuffer()!, headers['content-type']!),
  };
}

function parseMultipart(body: Buffer, contentType: string): Array<[string, string]> {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/.exec(contentType);
  expect(boundary, `a multipart body: ${contentType}`).not.toBeNull();
  return body
    .toString('utf8')
    .split(`--${boundary![1] ?? boundary![2]}`)
    .slice(1, -1)
    .map((part) => {
      const [head, ...rest] = part.replace(/^\r\n/, '').split('\r\n\r\n');
      const name = /name="([^"]*)"/.exec(head!)?.[1] ?? '';
      return [name, rest.join('\r\n\r\n').replace(/\r\n$/, '')] as [string, string];
    });
}

/** A field of a React-encoded form by its own name (React prefixes them, e.g. "1_action"). */
function fieldNamed(fields: Array<[string, string]>, name: string): string | undefined {
  return fields.find(([n]) => n === name || n.endsWith(`_${name}`))?.[1];
}

/**
 * Replays a captured action call with other values (as a signed-in admin's browser would send
 * them) and reads the outcome from the redirect it answers with: done, conflict, or the failure.
 */
async function replayAction(http: APIRequestContext, origin: string, cookie: string, call: CapturedAction, values: Record<string, string>): Promise<string> {
  const fields = call.fields.map(([name, value]): [string, string] => {
    const own = Object.keys(values).find((key) => name === key || name.endsWith(`_${key}`));
    return [name, own ? values[own]! : value];
  });
  const { body, contentType } = multipart(fields);
  const response: APIResponse = await http.post(call.path, {
    data: body,
    headers: {
      'Content-Type': contentType,
      Accept: 'text/x-component',
      'Next-Action': call.headers['next-action']!,
      'Next-Router-State-Tree': call.headers['next-router-state-tree'] ?? '',
      Origin: origin,
      Cookie: `next-auth.session-token=${cookie}`,
      'X-Forwarded-For': randomIp(),
      // A fresh connection per call: reusing a keep-alive socket the server is just closing is a client-side race, not the app's.
      Connection: 'close',
    },
    maxRedirects: 0,
  });
  const text = await response.text();
  if (response.status() >= 500) return `http ${response.status()}: ${text.slice(0, 200)}`;
  const redirect = response.headers()['x-action-redirect'] ?? response.headers()['location'] ?? '';
  const notice = new URL(redirect.split(';')[0]!, origin).searchParams.get('notice') ?? '';
  if (notice === `done.${values.action}.1`) return 'done';
  if (notice === 'conflict') return 'conflict';
  // The app's own "That could not be done right now. Please try again." (e.g. no database connection in time).
  if (notice === 'failed') return 'failed';
  return `unexpected: ${response.status()} ${redirect} ${text.slice(0, 200)}`;
}

/** Runs `task` over `items`, at most `size` at a time; results in order. */
async function inBatches<T, R>(items: T[], size: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    results.push(...(await Promise.all(items.slice(start, start + size).map((item, i) => task(item, start + i)))));
  }
  return results;
}

function countBy(values: string[]): Record<string, number> {
  return values.reduce<Record<string, number>>((counts, v) => ((counts[v] = (counts[v] ?? 0) + 1), counts), {});
}

async function versionsOf(db: import('pg').Pool, ids: number[]): Promise<Map<number, number>> {
  const { rows } = await db.query<{ id: number; version: number }>('SELECT id, version FROM "Comment" WHERE id = ANY($1::int[])', [ids]);
  return new Map(rows.map((r) => [r.id, r.version]));
}
