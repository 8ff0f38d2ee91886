import { describe, expect, it } from 'vitest';
import { COMMENTS_PER_PAGE, countApprovedThreads, listApprovedThreads, listVisitorPendingComments, publicCommentSelect } from '@/server/comments/queries';

/** A page's first comments of their threads. */
const listApprovedComments = async (postId: number, page: number) => (await listApprovedThreads(postId, page)).roots;
import { testDb } from './helpers/database';
import { createPost, insertComments } from './helpers/fixtures';

/** Private to admins: never selected by a public query. */
const PRIVATE_FIELDS = ['authorEmail', 'ip', 'userAgent'];

function expectOnlyPublicFields(comments: object[]) {
  expect(comments.length).toBeGreaterThan(0);
  for (const comment of comments) {
    expect(Object.keys(comment).sort()).toEqual(Object.keys(publicCommentSelect).sort());
    for (const field of PRIVATE_FIELDS) expect(comment).not.toHaveProperty(field);
  }
}

async function addComment(postId: number, status: 'PENDING' | 'APPROVED' | 'SPAM' | 'TRASH', body: string, createdAt = new Date()) {
  return testDb.comment.create({
    data: { postId, status, body, createdAt, authorName: 'Ann', authorEmail: 'ann@example.com', ip: '203.0.113.1', userAgent: 'ua' },
  });
}

describe('publicCommentSelect', () => {
  it('selects none of the private fields', () => {
    for (const field of PRIVATE_FIELDS) expect(publicCommentSelect).not.toHaveProperty(field);
  });
});

describe('listApprovedThreads', () => {
  it("returns only the post's approved comments", async () => {
    const post = await createPost();
    const other = await createPost();
    const approved = await addComment(post.id, 'APPROVED', 'approved');
    for (const status of ['PENDING', 'SPAM', 'TRASH'] as const) await addComment(post.id, status, status);
    await addComment(other.id, 'APPROVED', 'elsewhere');

    const comments = await listApprovedComments(post.id, 1);

    expect(comments.map((c) => c.id)).toEqual([approved.id]);
    expect(comments[0]).toMatchObject({ body: 'approved', authorName: 'Ann', status: 'APPROVED' });
  });

  it('returns no email, IP or user agent', async () => {
    const post = await createPost();
    await addComment(post.id, 'APPROVED', 'x');
    expectOnlyPublicFields(await listApprovedComments(post.id, 1));
  });

  it('puts the oldest first, and the earlier id first at the same time', async () => {
    const post = await createPost();
    const at = (minutes: number) => new Date(Date.UTC(2024, 0, 1, 12, minutes));
    const third = await addComment(post.id, 'APPROVED', 'third', at(30));
    const first = await addComment(post.id, 'APPROVED', 'first', at(10));
    const secondA = await addComment(post.id, 'APPROVED', 'second a', at(20));
    const secondB = await addComment(post.id, 'APPROVED', 'second b', at(20));

    expect((await listApprovedComments(post.id, 1)).map((c) => c.id)).toEqual([first.id, secondA.id, secondB.id, third.id]);
  });

  it(`pages by ${COMMENTS_PER_PAGE}, page 1 holding the first comments`, async () => {
    expect(COMMENTS_PER_PAGE).toBe(50);
    const post = await createPost();
    await insertComments(post.id, 120);

    const pages = await Promise.all([1, 2, 3, 4].map((page) => listApprovedComments(post.id, page)));

    expect(pages.map((p) => p.length)).toEqual([50, 50, 20, 0]);
    expect(pages[0]![0]!.body).toBe('Comment 1');
    expect(pages[1]![0]!.body).toBe('Comment 51');
    expect(pages[2]!.at(-1)!.body).toBe('Comment 120');
    expect((await countApprovedThreads(post.id)).comments).toBe(120);
  });

  it('brings every approved reply of the page’s threads, however deep, and none of other threads or statuses', async () => {
    const post = await createPost();
    const root = await addComment(post.id, 'APPROVED', 'root');
    const other = await addComment(post.id, 'APPROVED', 'other root');
    let parent = root;
    const chain = [];
    for (let depth = 1; depth <= 6; depth++) {
      parent = await testDb.comment.create({
        data: {
          postId: post.id,
          parentId: parent.id,
          rootId: root.id,
          depth,
          authorName: 'R',
          authorEmail: 'r@example.com',
          body: `depth ${depth}`,
          status: 'APPROVED',
          ip: '127.0.0.1',
          userAgent: 'test',
        },
      });
      chain.push(parent.id);
    }
    await testDb.comment.create({
      data: {
        postId: post.id,
        parentId: root.id,
        rootId: root.id,
        depth: 1,
        authorName: 'H',
        authorEmail: 'h@example.com',
        body: 'held',
        status: 'PENDING',
        ip: '127.0.0.1',
        userAgent: 'test',
      },
    });

    const { roots, replies } = await listApprovedThreads(post.id, 1);
    expect(roots.map((c) => c.id)).toEqual([root.id, other.id]);
    expect(replies.map((c) => c.id)).toEqual(chain);
    expectOnlyPublicFields(replies);
    // Pages count threads, not comments.
    expect(await countApprovedThreads(post.id)).toEqual({ comments: 8, threads: 2 });
  });
});

describe('listVisitorPendingComments', () => {
  it("returns, of the given ids, only this post's pending comments", async () => {
    const post = await createPost();
    const other = await createPost();
    const mine = await addComment(post.id, 'PENDING', 'mine', new Date(Date.UTC(2024, 0, 2)));
    const mineEarlier = await addComment(post.id, 'PENDING', 'mine earlier', new Date(Date.UTC(2024, 0, 1)));
    const notInCookie = await addComment(post.id, 'PENDING', 'someone else');
    const approved = await addComment(post.id, 'APPROVED', 'approved');
    const spam = await addComment(post.id, 'SPAM', 'spam');
    const otherPost = await addComment(other.id, 'PENDING', 'other post');

    const comments = await listVisitorPendingComments(post.id, [mine.id, mineEarlier.id, approved.id, spam.id, otherPost.id, 999_999]);

    expect(comments.map((c) => c.id)).toEqual([mineEarlier.id, mine.id]);
    expect(comments.map((c) => c.id)).not.toContain(notInCookie.id);
    expectOnlyPublicFields(comments);
  });

  it('returns nothing for no ids', async () => {
    const post = await createPost();
    await addComment(post.id, 'PENDING', 'pending');
    expect(await listVisitorPendingComments(post.id, [])).toEqual([]);
  });
});
