/**
 * PostgreSQL stops while visitors read and post, then starts again (same data folder, same port).
 * Visitors get quick, kind answers that leak nothing; the app recovers by itself; nothing accepted
 * before the outage is lost or duplicated.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { appWithDatabase } from './support/lifecycle';
import {
  ARTICLE,
  ERROR_PAGE_HEADING,
  SAVE_FAILED_MESSAGE,
  alertText,
  fetchCommentForm,
  leaks,
  newComment,
  outcomeOf,
  postComment,
  request,
  textareaText,
  waitUntil,
  type Answer,
  type Comment,
} from './support/visitor';

/** The app's own bounds (connect 5 s) plus scheduling slack on a busy two-core machine. */
const OUTAGE_ANSWER_MS = 15_000;
const run = `outage-${Date.now().toString(36)}`;

const site = appWithDatabase();
const before: Comment[] = [];

beforeAll(async () => {
  for (let i = 0; i < 5; i++) {
    const comment = newComment(`${run} before ${i}`);
    const answer = await postComment(site.app, await fetchCommentForm(site.app), comment);
    expect(outcomeOf(answer, comment), `post ${i} before the outage`).toBe('stored');
    before.push(comment);
  }
});

describe('while PostgreSQL is stopped', () => {
  const posts: { comment: Comment; answer: Answer }[] = [];
  const pages = new Map<string, Answer>();
  let health: Answer;

  beforeAll(async () => {
    // Forms a reader had open before the outage.
    const forms = [await fetchCommentForm(site.app), await fetchCommentForm(site.app), await fetchCommentForm(site.app)];
    await site.postgres.stop();
    for (const [i, form] of forms.entries()) {
      const comment = newComment(`${run} during ${i}`);
      posts.push({ comment, answer: await postComment(site.app, form, comment) });
    }
    // Own page numbers: the server keeps public pages (by path and page number) for a moment, and this is about pages it has to render.
    for (const path of ['/?page=97', `${ARTICLE}?cpage=97`]) pages.set(path, await request(site.app, path));
    health = await request(site.app, '/api/health');
  });

  it('answers every comment post quickly, stores nothing and shows no internals', () => {
    for (const { comment, answer } of posts) {
      expect(answer.ms, comment.body).toBeLessThan(OUTAGE_ANSWER_MS);
      expect(['refused', 'error-page']).toContain(outcomeOf(answer, comment));
      expect(leaks(answer.html)).toEqual([]);
    }
  });

  // Next.js re-renders the article to show the action's answer, and the article's own queries fail too:
  // the page then shows the form alone, which React still hands the answer (see the article page).
  it('tells a visitor without JavaScript to try again and keeps the typed comment', () => {
    for (const { comment, answer } of posts) {
      expect(answer.status).toBe(200);
      expect(alertText(answer.html)).toBe(SAVE_FAILED_MESSAGE);
      expect(textareaText(answer.html)).toBe(comment.body);
    }
  });

  it('answers reading pages quickly with an error status and no internals', () => {
    for (const [path, page] of pages) {
      expect(page.ms, path).toBeLessThan(OUTAGE_ANSWER_MS);
      expect(page.status, path).toBe(500);
      expect(leaks(page.html), path).toEqual([]);
    }
  });

  // app/error.tsx only renders in the browser; scripts/server.ts puts the same words in the HTML.
  it('shows readers without JavaScript the friendly error page', () => {
    for (const [, page] of pages) expect(page.html).toContain(ERROR_PAGE_HEADING);
  });

  it('reports the database down on /api/health', () => {
    expect(health.status).toBe(503);
    expect(JSON.parse(health.html)).toMatchObject({ status: 'degraded', database: 'down' });
    expect(health.ms).toBeLessThan(OUTAGE_ANSWER_MS);
  });
});

describe('after PostgreSQL starts again', () => {
  const after: Comment[] = [];

  beforeAll(async () => {
    await site.postgres.start();
  });

  it('recovers by itself, without an app restart', async () => {
    await waitUntil('/api/health to answer 200', async () => (await request(site.app, '/api/health', { timeoutMs: 10_000 })).status === 200, 30_000);
    for (const path of ['/', ARTICLE]) expect((await request(site.app, path)).status, path).toBe(200);
    for (let i = 0; i < 3; i++) {
      const comment = newComment(`${run} after ${i}`);
      const answer = await postComment(site.app, await fetchCommentForm(site.app), comment);
      expect(outcomeOf(answer, comment)).toBe('stored');
      after.push(comment);
    }
  });

  it('lost and duplicated nothing: every accepted comment is stored exactly once, no refused one is', async () => {
    const stored = await site.postgres.countBodies(run);
    for (const comment of [...before, ...after]) expect(stored.get(comment.body), comment.body).toBe(1);
    for (const body of stored.keys()) expect(body).not.toContain(' during ');
    expect(stored.size).toBe(before.length + after.length);
  });
});
