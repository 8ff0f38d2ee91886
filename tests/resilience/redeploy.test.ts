/**
 * A redeploy while a reader is writing: the form came from the old build, its server action id means
 * nothing to the new one. Simulated by sending the page's form with a made-up action id.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';
import { TestPostgres } from './support/database';
import { ARTICLE, fetchCommentForm, leaks, newComment, postComment, type Answer, type Comment, type CommentForm } from './support/visitor';

const run = `redeploy-${Date.now().toString(36)}`;

let postgres: TestPostgres;
let app: RunningApp;

beforeAll(async () => {
  postgres = await TestPostgres.create();
  await postgres.prepare();
  app = await startApp(postgres.url);
});

afterEach(({ task }) => {
  if (task.result?.state !== 'fail' || task.fails || !app) return;
  app.keepLog = true;
  console.log(`[app output in ${app.logFile}; last lines]\n${app.output().slice(-2_000)}`);
});

afterAll(async () => {
  await app?.stop();
  await postgres?.dispose();
});

/** The same form as another build would have rendered it: same shape, an action id this build never made. */
function fromAnotherBuild(form: CommentForm): CommentForm {
  return form.map(([name, value]) => {
    if (name !== '$ACTION_1:0') return [name, value];
    const reference = JSON.parse(value) as { id: string; bound: unknown };
    // Keep the first byte (Next.js encodes the action's kind in it) so the id still looks like one.
    const bogus = reference.id.slice(0, 2) + [...reference.id.slice(2)].map((c) => ((parseInt(c, 16) + 7) % 16).toString(16)).join('');
    return [name, JSON.stringify({ ...reference, id: bogus })];
  });
}

describe('a comment form rendered by another build', () => {
  let comment: Comment;
  let answer: Answer;

  beforeAll(async () => {
    comment = newComment(`${run} old form`);
    answer = await postComment(app, fromAnotherBuild(await fetchCommentForm(app)), comment);
  });

  it('does not crash the request (no 5xx), leaks nothing and stores nothing', async () => {
    expect(answer.status).toBeLessThan(500);
    expect(leaks(answer.html)).toEqual([]);
    expect((await postgres.countBodies(run)).size).toBe(0);
  });

  // BUG (redeploy): Next.js answers a form posted without JavaScript whose server action id it does not
  // know with a bare `409 text/plain "Server Action unavailable."`: no page, no way back to the article.
  // Action ids are salted with a per-build key (kept in <distDir>/cache/.rscinfo, new on a clean build)
  // unless NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is set, so every deploy from a clean checkout hits this.
  // Ideally the article would come back with a message and the text kept; a page in words that leads
  // back (the browser's Back button keeps what was typed) is the least. Fix: build with a fixed
  // NEXT_SERVER_ACTIONS_ENCRYPTION_KEY (ids then survive rebuilds), and have scripts/server.ts answer a
  // no-JS POST carrying Next.js's `x-nextjs-action-not-found: 1` with such a page.
  it.fails('answers with a page in words that leads back to the article', () => {
    expect(answer.html).toMatch(/^<!DOCTYPE html>/i);
    expect(answer.html.includes('<form') || answer.html.includes(`href="${ARTICLE}"`)).toBe(true);
  });

  it('still takes the same comment through a fresh form from this build', async () => {
    const retried = await postComment(app, await fetchCommentForm(app), comment);
    expect(retried.status).toBe(303);
    expect((await postgres.countBodies(run)).get(comment.body)).toBe(1);
  });
});
