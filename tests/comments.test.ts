import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Prisma } from '@/generated/prisma/client';
import { commentInputSchema, type CommentInput } from '@/lib/schemas/comment';
import { issueFormToken } from '@/server/comments/form-token';
import { createComment, DUPLICATE_MESSAGE, TOO_FAST_MESSAGE, type CommentMeta, type FormProof } from '@/server/comments/service';
import { PublicError } from '@/server/errors';
import { moderateOne, purgeOldBins } from '@/server/moderation/service';
import { testDb } from './helpers/database';
import { commentInput, createPost, formProof, insertComments, requestMeta } from './helpers/fixtures';

const EMOJI = '😀'; // four bytes of UTF-8

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
  return testDb.discussionSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
}

// The short flood interval holds per email too (WordPress's rule), and most tests post as one author
// many times a second: it is off unless a test about flooding turns it on.
beforeEach(() => useSettings({ floodIntervalSeconds: 0 }));

function createAdmin() {
  return testDb.adminUser.create({
    data: { email: 'admin@example.com', name: 'Admin', passwordHash: 'not used here' },
    select: { id: true, email: true, name: true },
  });
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

    // Pen test, issue #9 (d): WordPress matches the word lists against the user agent too.
    it('matches disallowed and moderation words in the user agent', async () => {
      const post = await createPost();
      await useSettings({ approvalPolicy: 'APPROVE_ALL', disallowedWords: 'evilbot', moderationWords: 'curl/' });
      const from = (userAgent: string) => ({ ...requestMeta(), userAgent });
      expect((await submit(commentInput(post.id), from('Mozilla/5.0 (compatible; EvilBot/2.1)'))).status).toBe('SPAM');
      expect((await submit(commentInput(post.id), from('curl/8.5.0'))).status).toBe('PENDING');
      expect((await submit(commentInput(post.id), from('Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0'))).status).toBe('APPROVED');
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

  // Pen test, issue #9 (a): WordPress counts bytes (mb_strlen(…, '8bit')); what we store must fit there.
  it('stores every field at its longest, counted in bytes of UTF-8 as WordPress counts them', async () => {
    const post = await createPost();
    const longest = { body: EMOJI.repeat(16_381) + 'a', authorName: 'n'.repeat(245) };
    const input = commentInput(post.id, { ...longest, authorEmail: `${'e'.repeat(88)}@example.com`, authorUrl: `https://example.com/${'a'.repeat(180)}` });
    const { id } = await submit(input);

    const [bytes] = await testDb.$queryRaw<{ body: number; name: number; email: number; url: number }[]>`
      SELECT octet_length(body) AS body, octet_length("authorName") AS name, octet_length("authorEmail") AS email, octet_length("authorUrl") AS url
      FROM "Comment" WHERE id = ${id}`;
    expect(bytes).toEqual({ body: 65_525, name: 245, email: 100, url: 200 });
    expect(await testDb.comment.findUniqueOrThrow({ where: { id }, select: { body: true, authorName: true } })).toEqual(longest);
  });

  it('refuses a name or comment one emoji over the byte limit, however few characters it has', () => {
    const refused = (form: Record<string, string>) => {
      const result = commentInputSchema.safeParse({ postId: '1', body: 'Fine.', authorName: 'Ann', authorEmail: 'ann@example.com', authorUrl: '', ...form });
      return result.success ? {} : z.flattenError(result.error).fieldErrors;
    };
    expect(refused({ authorName: EMOJI.repeat(62) })).toEqual({
      authorName: ['Your name is too long: at most 245 characters, fewer with emoji or accented letters.'],
    });
    expect(refused({ body: EMOJI.repeat(16_382) })).toEqual({
      body: ['Your comment is too long: at most 65,525 characters, fewer with emoji or accented letters.'],
    });
    expect(refused({ authorName: EMOJI.repeat(61) + 'a', body: EMOJI.repeat(16_381) + 'a' })).toEqual({});
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

  it('adds ?cpage=N for the last page once there are more than 50 approved comments, when articles open on their first page', async () => {
    await useSettings({ newestPageFirst: false });
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

  it('points at the article itself when it opens on its newest page (the default), however many pages', async () => {
    const post = await createPost({ slug: 'newest-first' });
    await insertComments(post.id, 120);
    const comment = await submit(commentInput(post.id));
    expect(comment.location).toBe(`/posts/newest-first#comment-${comment.id}`);
  });

  it('puts a reply on the page of its thread, with the thread’s first comment', async () => {
    const post = await createPost({ slug: 'threads' });
    await insertComments(post.id, 60); // two pages of threads
    const first = await testDb.comment.findFirstOrThrow({ where: { postId: post.id }, orderBy: { id: 'asc' } });
    const reply = await submit(commentInput(post.id, { parentId: String(first.id), body: 'An answer.' }));
    expect(reply.location).toBe(`/posts/threads?cpage=1#comment-${reply.id}`);
    expect(await testDb.comment.findUniqueOrThrow({ where: { id: reply.id }, select: { parentId: true, rootId: true, depth: true } })).toEqual({
      parentId: first.id,
      rootId: first.id,
      depth: 1,
    });
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

  // Pen test, issue #9 (11): a cached page gives every reader the same form token.
  it('refuses as a duplicate the same form, email and text sent by another visitor; the same browser gets its comment back', async () => {
    const post = await createPost();
    const input = commentInput(post.id);
    const proof = formProof();
    const meta = requestMeta();
    const first = await submit(input, meta, proof);

    await expectPublicError(submit(input, requestMeta(), proof), DUPLICATE_MESSAGE);
    // Another browser behind the same address is another visitor too.
    await expectPublicError(submit(input, { ...meta, userAgent: 'another browser' }, proof), DUPLICATE_MESSAGE);
    expect(await submit(input, { ...meta }, proof)).toEqual(first);
    expect(await testDb.comment.count()).toBe(1);
  });

  // Pen test, issue #9 (b): WordPress's duplicate check ignores the trash.
  it('accepts a comment again once the first copy is in the trash, and restoring the first still works', async () => {
    const post = await createPost();
    const admin = await createAdmin();
    const same = () => commentInput(post.id, { body: 'Said twice.' });
    const first = await submit(same());
    await moderateOne(admin, 'trash', first.id, 0);

    const second = await submit(same());
    expect(second.id).not.toBe(first.id);
    await expectPublicError(submit(same()), DUPLICATE_MESSAGE);

    // The second holds the duplicate key now: the first comes back without it, and both are kept.
    await moderateOne(admin, 'restore', first.id, 1);
    expect(await testDb.comment.findMany({ select: { id: true, status: true }, orderBy: { id: 'asc' } })).toEqual([
      { id: first.id, status: 'PENDING' },
      { id: second.id, status: 'PENDING' },
    ]);
    await expectPublicError(submit(same()), DUPLICATE_MESSAGE);
  });

  it('gives a comment restored from the trash its duplicate key back when no copy took it', async () => {
    const post = await createPost();
    const admin = await createAdmin();
    const same = () => commentInput(post.id, { body: 'Said once.' });
    const first = await submit(same());
    await moderateOne(admin, 'trash', first.id, 0);
    await moderateOne(admin, 'restore', first.id, 1);

    await expectPublicError(submit(same()), DUPLICATE_MESSAGE);
    expect(await testDb.comment.count()).toBe(1);
  });

  it('refuses a second comment from one address within the flood interval', async () => {
    await useSettings({ floodIntervalSeconds: 15 });
    const post = await createPost();
    const meta = requestMeta();
    await submit(commentInput(post.id, { authorEmail: 'one.address@example.com' }), meta);
    await expectPublicError(submit(commentInput(post.id, { authorEmail: 'one.address.again@example.com' }), meta), TOO_FAST_MESSAGE);
    // Another address and email are not affected.
    await submit(commentInput(post.id, { authorEmail: 'someone.else@example.com' }));
    expect(await testDb.comment.count()).toBe(2);
  });

  // Pen test, issue #9 (c): WordPress's wp_check_comment_flood looks for the address or the email.
  it('refuses a second comment from one email within the flood interval, whatever the address', async () => {
    await useSettings({ floodIntervalSeconds: 15 });
    const post = await createPost();
    await submit(commentInput(post.id, { authorEmail: 'one.email@example.com' }));
    await expectPublicError(submit(commentInput(post.id, { authorEmail: 'ONE.email@example.com' })), TOO_FAST_MESSAGE);
    expect(await testDb.comment.count()).toBe(1);
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

describe('createComment: replies', () => {
  async function thread(postId: number, depth: number) {
    const ids: number[] = [];
    for (let level = 0; level < depth; level++) {
      const reply = await submit(commentInput(postId, level === 0 ? {} : { parentId: String(ids.at(-1)) }));
      await approve(reply.id);
      ids.push(reply.id);
    }
    return ids;
  }

  it('nests a reply under an approved comment of the same post', async () => {
    const post = await createPost();
    const [root, child] = await thread(post.id, 2);
    expect(await testDb.comment.findUniqueOrThrow({ where: { id: child! }, select: { parentId: true, rootId: true, depth: true } })).toEqual({
      parentId: root,
      rootId: root,
      depth: 1,
    });
  });

  it('refuses, in words, a reply to a comment that is held, on another post, gone, or as deep as the settings allow', async () => {
    const post = await createPost();
    const other = await createPost();
    const held = await submit(commentInput(post.id, { authorName: 'New Person', authorEmail: 'new@example.com' }));
    expect(held.status).toBe('PENDING');
    await expectPublicError(submit(commentInput(post.id, { parentId: String(held.id) })), 'You can only reply to a published comment.');
    const [elsewhere] = await thread(other.id, 1);
    await expectPublicError(
      submit(commentInput(post.id, { parentId: String(elsewhere) })),
      'The comment you are replying to could not be found on this article.',
    );
    await expectPublicError(submit(commentInput(post.id, { parentId: '2147483647' })), 'The comment you are replying to could not be found on this article.');

    await useSettings({ threadDepth: 3 });
    const deep = await thread(post.id, 3);
    await expectPublicError(
      submit(commentInput(post.id, { parentId: String(deep.at(-1)) })),
      'This conversation is nested as deep as it goes: reply to an earlier comment in it instead.',
    );
    await useSettings({ threadDepth: 1 });
    await expectPublicError(submit(commentInput(post.id, { parentId: String(deep[0]) })), 'Replies are turned off here: leave a comment of your own below.');
    expect(await testDb.comment.count({ where: { postId: post.id, parentId: { not: null }, depth: { gt: 2 } } })).toBe(0);
  });
});

describe('deleting a comment that has replies', () => {
  const place = (id: number) => testDb.comment.findUniqueOrThrow({ where: { id }, select: { parentId: true, rootId: true, depth: true } });
  const version = async (id: number) => (await testDb.comment.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;

  it('moves its replies up to what it answered, as WordPress does, and renumbers the thread below', async () => {
    const post = await createPost();
    const admin = await createAdmin();
    // root ← middle ← child ← grandchild
    const ids: number[] = [];
    for (let level = 0; level < 4; level++) {
      const comment = await submit(commentInput(post.id, level === 0 ? {} : { parentId: String(ids.at(-1)) }));
      await approve(comment.id);
      ids.push(comment.id);
    }
    const [root, middle, child, grandchild] = ids as [number, number, number, number];
    await moderateOne(admin, 'trash', middle, await version(middle));
    await moderateOne(admin, 'delete', middle, await version(middle));
    expect(await place(child)).toEqual({ parentId: root, rootId: root, depth: 1 });
    expect(await place(grandchild)).toEqual({ parentId: child, rootId: root, depth: 2 });

    // The thread's first comment goes: its reply starts a thread of its own.
    await moderateOne(admin, 'trash', root, await version(root));
    await moderateOne(admin, 'delete', root, await version(root));
    expect(await place(child)).toEqual({ parentId: null, rootId: null, depth: 0 });
    expect(await place(grandchild)).toEqual({ parentId: child, rootId: child, depth: 1 });
  });

  it('does the same when the purge deletes old spam and trash', async () => {
    const post = await createPost();
    const admin = await createAdmin();
    const root = await submit(commentInput(post.id));
    await approve(root.id);
    const reply = await submit(commentInput(post.id, { parentId: String(root.id) }));
    await approve(reply.id);
    await moderateOne(admin, 'spam', root.id, await version(root.id));
    await testDb.comment.update({ where: { id: root.id }, data: { statusChangedAt: new Date(Date.now() - 40 * 86_400_000) } });
    expect(await purgeOldBins(30)).toBe(1);
    expect(await place(reply.id)).toEqual({ parentId: null, rootId: null, depth: 0 });
  });
});
