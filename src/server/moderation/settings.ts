import 'server-only';
import type { DiscussionSettings } from '@/generated/prisma/client';
import { db } from '@/server/db';

export type Settings = Omit<DiscussionSettings, 'id' | 'updatedAt'>;

export const DEFAULT_SETTINGS: Settings = {
  commentsOpenByDefault: true,
  approvalPolicy: 'PREVIOUSLY_APPROVED',
  holdLinkCount: 2,
  moderationWords: '',
  disallowedWords: '',
  closeAfterDays: null,
  purgeAfterDays: 30,
  minFillSeconds: 3,
  floodIntervalSeconds: 15,
  floodMaxPerHour: 20,
  threadDepth: 5,
  newestPageFirst: true,
};

export async function getSettings(): Promise<Settings> {
  const row = await db.discussionSettings.findUnique({ where: { id: 1 } });
  if (!row) return DEFAULT_SETTINGS;
  const { id: _id, updatedAt: _updatedAt, ...settings } = row;
  return settings;
}

export async function saveSettings(settings: Settings): Promise<void> {
  await db.discussionSettings.upsert({ where: { id: 1 }, create: { id: 1, ...settings }, update: settings });
}

/** Comments are open when the post allows them and it is not older than the auto-close limit. */
export function commentsAreOpen(
  post: { commentsOpen: boolean; publishedAt: Date | null },
  settings: Pick<Settings, 'closeAfterDays'>,
  now = new Date(),
): boolean {
  if (!post.commentsOpen || !post.publishedAt) return false;
  if (settings.closeAfterDays === null) return true;
  return now.getTime() - post.publishedAt.getTime() < settings.closeAfterDays * 86_400_000;
}
