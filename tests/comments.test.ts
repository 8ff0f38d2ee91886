import { describe, expect, it } from 'vitest';
import type { Prisma } from '@/generated/prisma/client';
import type { CommentInput } from '@/lib/schemas/comment';
import { issueFormToken } from '@/server/comments/form-token';
import { createComment, DUPLICATE_MESSAGE, TOO_FAST_MESSAGE, type CommentMeta, type FormProof } from '@/server/comments/service';
import { PublicError } from '@/server/errors';
import { testDb } from './helpers/database';
import { commentInput, createPost, formProof, insertComments, requestMeta } from './helpers/fixtures';

const EMOJI = '😀';

/** A visitor's submission: its own client address and a valid form token unless the test says otherwise. */
function submit(input: CommentInput, meta: CommentMeta = requestMeta(), proof: FormProof = formProof()) {
  return createComment(input, meta, proof);
}

async function approve(id: number) {
  await testDb.comment.update({ where: { id }, data: { status: 'APPROVED' } });
}

async function expectPublicError(promise: Promise<unknown>, message: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PublicError);
  expect((error as PublicError).message).toBe(message);
}

function useSettings(data: Partial<Prisma.DiscussionSettingsCreateInput>) {
  return testDb.discussionSettings.create({ data: { id: 1, ...data } });
}

describe('createComment: the moderation rule', () => {
  it("holds a newcomer's first comment for moderation", async () => {
    const post = await createPost();
    const comment = await submit(commentInput(post.id));
    expect(comment.status).toBe('PENDING');
    expect((await testDb.comment.findUniqueOrThrow({ where: { id: comment.id } })).status).toBe('PENDING');
  });

  it('approves at once the same name and email once one of their comments was approved', async () => {
    const post = await createPost();
    const first = await submit(commentInput(post.id));
    expect((await submit(commentInput(post.id))).status).toBe('PENDING');

    await approve(first.id);

    expect((await submit(commentInput(post.id, { body: 'Again.' }))).status).toBe('APPROVED');
    // The rule is per author, not per article.
    const other = await createPost();
    expect((await submit(commentInput(other.id))).status).toBe('APPROVED');
  });

  it('compares the stored (trimmed) name and email', async () => {
    const post = await createPost();
    await approve((await submit(commentInput(post.id))).id);
    const padded = commentInput(post.id, { authorName: '  Ann Reader ', authorEmail: ' ann@example.com  ' });
    expect((await submit(padded)).status).toBe('APPROVED');
  });

  it('holds the same email under another name, and the same name with another email', async () => {
    const post = await createPost();
    await approve((await submit(commentInput(post.id))).id);

    expect((await submit(commentInput(post.id, { authorName: 'Someone Else' }))).status).toBe('PENDING');
    expect((await submit(commentInput(post.id, { authorEmail: 'other@example.com' }))).status).toBe('PENDING');
  });

  it('does not count comments that are pending, spam or in the trash', async () => {
    const post = await createPost();
    for (const status of ['PENDING', 'SPAM', 'TRASH'] as const) {
      await insertComments(post.id, 1, { status, authorName: 'Ann Reader', authorEmail: 'ann@example.com' });
    }
    expect((await submit(commentInput(post.id))).status).toBe('PENDING');
  });

  describe('with discussion settings', () => {
    it('holds every comment under "hold all", even a known author’s', async () => {
      const post = await createPost();
      await insertComments(post.id, 1, { authorName: 'Ann Reader', authorEmail: 'ann@example.com' });
      await useSettings({ approvalPolicy: 'HOLD_ALL' });
      expect((await submit(commentInput(post.id))).status).toBe('PENDING');
    });

    it('approves a newcomer under "approve all"', async () => {
      const post = await createPost();
      await useSettings({ approvalPolicy: 'APPROVE_ALL' });
      expect((await submit(commentInput(post.id))).status).toBe('APPROVED');
    });

    it('sends disallowed words to spam and holds moderation words, case-insensitively', async () => {
      const post = await createPost();
      await useSettings({ approvalPolicy: 'APPROVE_ALL', disallowedWords: 'casino\n', moderationWords: '\nrefund' });
      expect((await submit(commentInput(post.id, { body: 'Best CASINO online' }))).status).toBe('SPAM');
      expect((await submit(commentInput(post.id, { body: 'I want a Refund' }))).status).toBe('PENDING');
      expect((await submit(commentInput(post.id, { body: 'Fine.' }))).status).toBe('APPROVED');
    });

    it('holds a comment with as many links as the limit', async () => {
      const post = await createPost();
      await useSettings({ approvalPolicy: 'APPROVE_ALL', holdLinkCount: 2 });
      expect((await submit(commentInput(post.id, { body: 'See https://a.example' }))).status).toBe('APPROVED');
      expect((await submit(commentInput(post.id, { body: 'See https://a.example and http://b.example' }))).status).toBe('PENDING');
    });

    it('closes comments on posts older than the auto-close limit', async () => {
      const old = await createPost({ publishedAt: new Date(Date.now() - 11 * 86_400_000) });
      const recent = await createPost({ publishedAt: new Date(Date.now() - 9 * 86_400_000) });
      await useSettings({ closeAfterDays: 10 });
      await expectPublicError(submit(commentInput(old.id)), 'Comments are closed.');
      expect((await submit(commentInput(recent.id))).status).toBe('PENDING');
    });
  });
});

describe('createComment: where comments are refused', () => {
  it('refuses a post whose comments are closed, and stores nothing', async () => {
    const post = await createPost({ commentsOpen: false });
    await expectPublicError(submit(commentInput(post.id)), 'Comments are closed.');
    expect(await testDb.comment.count()).toBe(0);
  });

  it('refuses a draft, a post scheduled for later and a missing post as not found', async () => {
    const draft = await createPost({ publishedAt: null });
    const scheduled = await createPost({ publishedAt: new Date(Date.now() + 3_600_000) });
    for (const postId of [draft.id, scheduled.id, 999_999]) {
      await expectPublicError(submit(commentInput(postId)), 'This article could not be found.');
    }
    expect(await testDb.comment.count()).toBe(0);
  });
});

describe('createComment: what is stored', () => {
  it('stores the values the schema produced: trimmed, the website normalised', async () => {
    const post = await createPost();
    const input = commentInput(post.id, {
      body: '  First paragraph.\n\nSecond <b>paragraph</b>.  \n',
      authorName: '  Ann Reader  ',
      authorEmail: ' Ann@Example.com ',
      authorUrl: ' example.com/me ',
    });
    const { id } = await submit(input, { ip: '2001:db8::1', userAgent: 'Mozilla/5.0 (test)' });

    expect(await testDb.comment.findUniqueOrThrow({ where: { id } })).toMatchObject({
      postId: post.id,
      parentId: null,
      body: 'First paragraph.\n\nSecond <b>paragraph</b>.',
      authorName: 'Ann Reader',
      authorEmail: 'ann@example.com',
      authorUrl: 'https://example.com/me',
      status: 'PENDING',
      isAdminReply: false,
      ip: '2001:db8::1',
      userAgent: 'Mozilla/5.0 (test)',
    });
  });

  it('stores no website as null', async () => {
    const post = await createPost();
    const { id } = await submit(commentInput(post.id, { authorUrl: '   ' }));
    expect((await testDb.comment.findUniqueOrThrow({ where: { id } })).authorUrl).toBeNull();
  });

  it('stores every field at its longest, counted in characters as the columns count them', async () => {
    const post = await createPost();
    const input = commentInput(post.id, {
      body: EMOJI.repeat(65_525),
      authorName: EMOJI.repeat(245),
      authorEmail: `${'e'.repeat(88)}@example.com`,
      authorUrl: `https://example.com/${'a'.repeat(180)}`,
    });
    const { id } = await submit(input);

    const stored = await testDb.comment.findUniqueOrThrow({ where: { id } });
    expect(stored.body).toBe(EMOJI.repeat(65_525));
    expect(stored.authorName).toBe(EMOJI.repeat(245));
    expect(stored.authorEmail).toHaveLength(100);
    expect(stored.authorUrl).toHaveLength(200);
    const [lengths] = await testDb.$queryRaw<{ body: number; name: number; bytes: number }[]>`
      SELECT char_length(body) AS body, char_length("authorName") AS name, octet_length(body) AS bytes FROM "Comment" WHERE id = ${id}`;
    expect(lengths).toEqual({ body: 65_525, name: 245, bytes: 4 * 65_525 });
  });

  it('cuts the IP and user agent to their columns instead of failing', async () => {
    const post = await createPost();
    const { id } = await submit(commentInput(post.id), { ip: '1'.repeat(60), userAgent: 'u'.repeat(600) });
    const stored = await testDb.comment.findUniqueOrThrow({ where: { id } });
    expect(stored.ip).toHaveLength(45);
    expect(stored.userAgent).toHaveLength(512);
  });
});

describe('createComment: the returned location', () => {
  it('points at the comment on the article', async () => {
    const post = await createPost({ slug: 'an-article' });
    const comment = await submit(commentInput(post.id));
    expect(comment.location).toBe(`/posts/an-article#comment-${comment.id}`);
  });

  it('stays on page 1 up to 50 approved comments', async () => {
    const post = await createPost({ slug: 'busy' });
    await insertComments(post.id, 48);
    await insertComments(post.id, 1, { authorName: 'Ann Reader', authorEmail: 'ann@example.com' });
    const comment = await submit(commentInput(post.id));
    expect(comment.status).toBe('APPROVED');
    expect(await testDb.comment.count({ where: { postId: post.id, status: 'APPROVED' } })).toBe(50);
    expect(comment.location).toBe(`/posts/busy#comment-${comment.id}`);
  });

  it('adds ?cpage=N for the last page once there are more than 50 approved comments', async () => {
    const post = await createPost({ slug: 'busy' });
    await insertComments(post.id, 49);
    const onFirstPage = await submit(commentInput(post.id));
    expect(onFirstPage.status).toBe('PENDING');
    expect(onFirstPage.location).toBe(`/posts/busy#comment-${onFirstPage.id}`);

    await approve(onFirstPage.id); // 50 approved: still one page
    const fiftyFirst = await submit(commentInput(post.id));
    expect(fiftyFirst.status).toBe('APPROVED');
    expect(fiftyFirst.location).toBe(`/posts/busy?cpage=2#comment-${fiftyFirst.id}`);

    await insertComments(post.id, 50); // 101 approved
    const later = await submit(commentInput(post.id));
    expect(later.location).toBe(`/posts/busy?cpage=3#comment-${later.id}`);
  });

  it('counts only approved comments of this post for the page', async () => {
    const post = await createPost({ slug: 'quiet' });
    const other = await createPost();
    await insertComments(post.id, 60, { status: 'SPAM' });
    await insertComments(other.id, 60);
    const comment = await submit(commentInput(post.id));
    expect(comment.location).toBe(`/posts/quiet#comment-${comment.id}`);
  });
});

describe('createComment: bots, duplicates and floods', () => {
  it('files a comment as spam, without a word, when the hidden honeypot field was filled', async () => {
    const post = await createPost();
    const comment = await submit(commentInput(post.id), requestMeta(), formProof({ honeypot: 'http://spam.example' }));
    expect(comment.status).toBe('SPAM');
  });

  it('files as spam a form sent back too fast, with a forged token or an expired one', async () => {
    const post = await createPost();
    const tokens = {
      tooFast: issueFormToken(Date.now() - 1_000),
      forged: `${Date.now() - 60_000}.bm9uY2Vub25jZW5vbmNl.forged-signature`,
      expired: issueFormToken(Date.now() - 8 * 86_400_000),
      empty: '',
    };
    for (const [name, token] of Object.entries(tokens)) {
      expect((await submit(commentInput(post.id), requestMeta(), formProof({ token }))).status, name).toBe('SPAM');
    }
  });

  it('stores the same form sent twice (double click, retry) once', async () => {
    const post = await createPost();
    const input = commentInput(post.id);
    const proof = formProof();
    const meta = requestMeta();

    const first = await submit(input, meta, proof);
    const again = await submit(input, meta, proof);

    expect(again).toEqual(first);
    expect(await testDb.comment.count()).toBe(1);
  });

  it('refuses the same text from the same email on the same post as a duplicate', async () => {
    const post = await createPost();
    await submit(commentInput(post.id, { body: 'Same words.' }));
    await expectPublicError(submit(commentInput(post.id, { body: 'Same words.', authorEmail: 'ANN@example.com' })), DUPLICATE_MESSAGE);

    // Someone else may say the same, and so may Ann on another post.
    await submit(commentInput(post.id, { body: 'Same words.', authorEmail: 'bob@example.com', authorName: 'Bob' }));
    await submit(commentInput((await createPost()).id, { body: 'Same words.' }));
    expect(await testDb.comment.count()).toBe(3);
  });

  it('refuses a second comment from one address within the flood interval', async () => {
    const post = await createPost();
    const meta = requestMeta();
    await submit(commentInput(post.id), meta);
    await expectPublicError(submit(commentInput(post.id), meta), TOO_FAST_MESSAGE);
    // Another address is not affected.
    await submit(commentInput(post.id));
    expect(await testDb.comment.count()).toBe(2);
  });

  it('refuses comments past the hourly allowance of an address, and not at all when both limits are 0', async () => {
    const post = await createPost();
    await useSettings({ floodIntervalSeconds: 0, floodMaxPerHour: 2 });
    const meta = requestMeta();
    await submit(commentInput(post.id), meta);
    await submit(commentInput(post.id), meta);
    await expectPublicError(submit(commentInput(post.id), meta), TOO_FAST_MESSAGE);

    await testDb.discussionSettings.update({ where: { id: 1 }, data: { floodMaxPerHour: 0 } });
    await submit(commentInput(post.id), meta);
    await submit(commentInput(post.id), meta);
    expect(await testDb.comment.count()).toBe(4);
  });
});
