import { describe, expect, it } from 'vitest';
import { purgeExpiredComments } from '@/server/moderation/purge';
import { testDb } from './helpers/database';
import { createPost } from './helpers/fixtures';

const DAY = 86_400_000;

async function comment(postId: number, status: 'PENDING' | 'APPROVED' | 'SPAM' | 'TRASH', daysInStatus: number) {
  return testDb.comment.create({
    data: {
      postId,
      authorName: `${status} ${daysInStatus}`,
      authorEmail: 'someone@example.com',
      body: `${status} for ${daysInStatus} days`,
      status,
      ip: '127.0.0.1',
      userAgent: 'test',
      statusChangedAt: new Date(Date.now() - daysInStatus * DAY),
    },
    select: { id: true },
  });
}

describe('purging spam and trash', () => {
  it('deletes spam and trash older than the setting, keeps the rest, and logs it', async () => {
    const post = await createPost();
    const oldSpam = await comment(post.id, 'SPAM', 31);
    const oldTrash = await comment(post.id, 'TRASH', 45);
    const recentSpam = await comment(post.id, 'SPAM', 29);
    const oldApproved = await comment(post.id, 'APPROVED', 400);
    const oldPending = await comment(post.id, 'PENDING', 400);

    expect(await purgeExpiredComments()).toBe(2);

    const left = (await testDb.comment.findMany({ select: { id: true } })).map((c) => c.id).sort();
    expect(left).toEqual([recentSpam.id, oldApproved.id, oldPending.id].sort());
    expect(left).not.toContain(oldSpam.id);
    expect(left).not.toContain(oldTrash.id);
    const log = await testDb.auditLog.findFirst({ where: { action: 'purge' }, select: { detail: true, adminEmail: true } });
    expect(log).toMatchObject({ adminEmail: 'system', detail: expect.stringContaining('2 spam/trash') });
  });

  it('follows the configured number of days', async () => {
    const post = await createPost();
    await testDb.discussionSettings.create({ data: { id: 1, purgeAfterDays: 7 } });
    await comment(post.id, 'TRASH', 8);
    const kept = await comment(post.id, 'TRASH', 6);
    expect(await purgeExpiredComments()).toBe(1);
    expect((await testDb.comment.findMany({ select: { id: true } })).map((c) => c.id)).toEqual([kept.id]);
  });
});
