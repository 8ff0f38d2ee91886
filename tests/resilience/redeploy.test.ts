/**
 * A redeploy while a reader is writing: the form came from the old build, its server action id means
 * nothing to the new one. Simulated by sending the page's form with a made-up action id.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { appWithDatabase } from './support/lifecycle';
import { ARTICLE, fetchCommentForm, leaks, newComment, postComment, textareaText, type Answer, type Comment, type CommentForm } from './support/visitor';

const run = `redeploy-${Date.now().toString(36)}`;

const site = appWithDatabase();

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
    answer = await postComment(site.app, fromAnotherBuild(await fetchCommentForm(site.app)), comment);
  });

  it('does not crash the request (no 5xx), leaks nothing and stores nothing', async () => {
    expect(answer.status).toBeLessThan(500);
    expect(leaks(answer.html)).toEqual([]);
    expect((await site.postgres.countBodies(run)).size).toBe(0);
  });

  // Next.js answers an unknown action id with a bare `409 text/plain`; scripts/server.ts turns it into a
  // page that says what happened, shows the typed comment and leads back to the article. (Action ids
  // are also kept stable across builds by NEXT_SERVER_ACTIONS_ENCRYPTION_KEY; this is for when they
  // change anyway.)
  it('answers with a page in words that keeps the comment and leads back to the article', () => {
    expect(answer.status).toBe(409);
    expect(answer.html).toMatch(/^<!DOCTYPE html>/i);
    expect(answer.html).toContain('Your comment was not posted');
    expect(textareaText(answer.html)).toBe(comment.body);
    expect(answer.html).toContain(`href="${ARTICLE}#respond"`);
  });

  it('shows the comment as text: markup in it cannot close the box or run', async () => {
    const hostile = { ...newComment(`${run} hostile`), body: `${run} </textarea><script>alert(1)</script><img src=x onerror=alert(2)> & "quotes"` };
    const page = await postComment(site.app, fromAnotherBuild(await fetchCommentForm(site.app)), hostile);
    expect(page.status).toBe(409);
    expect(page.html).not.toContain('<script>');
    expect(page.html).not.toContain('<img');
    expect(textareaText(page.html)).toBe(hostile.body);
  });

  it('still takes the same comment through a fresh form from this build', async () => {
    const retried = await postComment(site.app, await fetchCommentForm(site.app), comment);
    expect(retried.status).toBe(303);
    expect((await site.postgres.countBodies(run)).get(comment.body)).toBe(1);
  });
});
