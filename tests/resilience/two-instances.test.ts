/**
 * Several app instances behind a load balancer must agree: two instances on one PostgreSQL, sharing
 * nothing else. A comment approved through one is visible through the other within a second.
 *
 * Each instance keeps public pages in memory (scripts/lib/page-cache.ts: PAGE_CACHE_MS 0.5 s, then
 * readers get the expired copy for up to 0.5 s more while one of them renders the new one). A write
 * empties only the writing instance's cache (README, "Several instances"): that instance shows the
 * change on its next load, any other one within a second.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAdmin, findModerationForm, signIn, submitModerationForm } from './support/admin';
import type { RunningApp } from './support/app';
import { appWithDatabase } from './support/lifecycle';
import { ARTICLE, fetchCommentForm, newComment, postComment, request, type Answer } from './support/visitor';

/** scripts/lib/page-cache.ts's defaults, which the test does not change. */
const PAGE_CACHE_MS = 500;
const STALE_GRACE_MS = 500;
/** The design's promise: another instance is at most this far behind a write... */
const BEHIND_MS = PAGE_CACHE_MS + STALE_GRACE_MS;
/** ...plus one render of the article (and its trip back) on a busy two-core machine. */
const RENDER_ALLOWANCE_MS = 750;
/** Readers polling instance B at once: with more than one, some get the expired copy while another's request renders. */
const READERS = 3;
const POLL_INTERVAL_MS = 20;
const run = `two-${Date.now().toString(36)}`;

// The default approval policy holds a first comment from an unknown author for moderation.
const site = appWithDatabase({ instances: 2 });

/**
 * `READERS` readers load the article from `app` over and over, starting now, until each has seen
 * `text` once; returns when each first saw it, in ms after `since` (Infinity: not within `limitMs`).
 */
function untilEachReaderSees(app: RunningApp, text: string, since: number, limitMs: number): Promise<number[]> {
  return Promise.all(
    Array.from({ length: READERS }, async (_, reader) => {
      await sleep((reader * POLL_INTERVAL_MS) / READERS);
      while (Date.now() - since < limitMs) {
        const page = await request(app, ARTICLE);
        if (page.status === 200 && page.html.includes(text)) return Date.now() - since;
        await sleep(POLL_INTERVAL_MS);
      }
      return Infinity;
    }),
  );
}

describe('a comment approved through instance A', () => {
  const comment = newComment(`${run} held`);
  let commentId: number;
  let statusBefore: string | undefined;
  let staleOnB: Answer[];
  let staleOnA: Answer;
  /** How old A's copy of the article was, at most, when A answered the approval. */
  let ageOfACopy: number;
  let approval: Answer;
  let onAAfter: Answer;
  /** When each reader of B first saw the comment, in ms after A answered the approval. */
  let seenOnB: number[];

  beforeAll(async () => {
    const [a, b] = site.apps as [RunningApp, RunningApp];
    await createAdmin(site.postgres.url);
    const cookie = await signIn(a);

    const posted = await postComment(a, await fetchCommentForm(a), comment);
    commentId = Number(/#comment-(\d+)$/.exec(posted.location ?? '')?.[1]);
    if (posted.status !== 303 || !commentId) throw new Error(`posting the comment answered ${posted.status} ${posted.location}`);
    statusBefore = (await site.postgres.query<{ status: string }>('SELECT status FROM "Comment" WHERE id = $1', [commentId]))[0]?.status;
    const approve = await findModerationForm(a, cookie, '/admin/comments?status=pending', commentId, 'approve');

    // Once the copies from before (start-up, the form above) are gone, a reader loads the article from
    // each instance, so both hold a fresh copy without the comment; then the admin presses "Approve".
    await sleep(BEHIND_MS);
    staleOnB = [await request(b, ARTICLE), await request(b, ARTICLE)];
    const cachedOnAFrom = Date.now();
    staleOnA = await request(a, ARTICLE);
    approval = await submitModerationForm(a, cookie, approve);
    const approvedAt = Date.now();
    ageOfACopy = approvedAt - cachedOnAFrom;

    // From that moment: the approving instance's next load, and readers of the other one.
    [onAAfter, seenOnB] = await Promise.all([request(a, ARTICLE), untilEachReaderSees(b, comment.body, approvedAt, 10 * BEHIND_MS)]);
    const first = Math.min(...seenOnB);
    const all = Math.max(...seenOnB);
    console.log(
      `[two-instances] through B: first reader saw the approved comment ${first} ms after A answered the approval, all ${READERS} readers by ${all} ms; ` +
        `through A: on the next load (${onAAfter.ms} ms; A's copy was at most ${ageOfACopy} ms old)`,
    );
  });

  it('was held for moderation, so readers did not see it on either instance', () => {
    expect(statusBefore).toBe('PENDING');
    for (const page of [...staleOnB, staleOnA]) {
      expect(page.status).toBe(200);
      expect(page.html).not.toContain(comment.body);
    }
    // B kept its copy (or the test would prove nothing about B's cache); A rendered its own.
    expect(staleOnB[1]!.headers['x-page-cache']).toBe('hit');
    expect(staleOnA.headers['x-page-cache']).toBeUndefined();
  });

  it('is approved by the admin form posted without JavaScript', async () => {
    expect(approval.status).toBe(303);
    expect(approval.location).toBe('/admin/comments?status=pending&notice=done.approve.1');
    const [row] = await site.postgres.query<{ status: string }>('SELECT status FROM "Comment" WHERE id = $1', [commentId]);
    expect(row?.status).toBe('APPROVED');
  });

  it('shows through A on the very next load, while A still held its copy from before', () => {
    expect(onAAfter.status).toBe(200);
    expect(onAAfter.html).toContain(comment.body);
    // A's copy had not expired: only the approval's own invalidation explains the fresh page.
    expect(ageOfACopy).toBeLessThan(PAGE_CACHE_MS);
    expect(onAAfter.headers['x-page-cache']).toBeUndefined();
  });

  it(`shows through B to every reader within ${BEHIND_MS} ms plus one render (${RENDER_ALLOWANCE_MS} ms)`, () => {
    for (const ms of seenOnB) expect(ms).toBeLessThanOrEqual(BEHIND_MS + RENDER_ALLOWANCE_MS);
  });
});
