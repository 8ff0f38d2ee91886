'use server';

import {
  editCommentSchema,
  emptyBinSchema,
  moderateManySchema,
  moderateOneSchema,
  postCommentsOpenSchema,
  replySchema,
  settingsSchema,
} from '@/lib/schemas/moderation';
import { withNotice } from '@/lib/admin-notices';
import { noticeAction, stateAction } from '@/server/action';
import { setCommentsOpen } from '@/server/posts/service';
import { requestMeta } from '@/server/request-meta';
import { editComment, emptyBin, moderateMany, moderateOne, replyToComment } from './service';
import { saveSettings } from './settings';

// Each action is the spine in src/server/action.ts around one domain function.

/** The moderation screen's buttons: a bad request or a comment changed meanwhile, said on that screen. */
const ON_COMMENTS_PAGE = { page: '/admin/comments', invalid: 'invalid', refused: 'conflict' } as const;

export const moderateCommentAction = noticeAction({
  ...ON_COMMENTS_PAGE,
  schema: moderateOneSchema,
  async run({ action, id, version }, admin) {
    await moderateOne(admin, action, id, version);
    return { done: action, changed: 1 };
  },
});

export const bulkModerateAction = noticeAction({
  ...ON_COMMENTS_PAGE,
  schema: moderateManySchema,
  async run({ bulkAction, ids }, admin) {
    const { changed, skipped } = await moderateMany(admin, bulkAction, ids);
    return { done: bulkAction, changed: changed.length, skipped };
  },
});

export const emptyBinAction = noticeAction({
  ...ON_COMMENTS_PAGE,
  schema: emptyBinSchema,
  async run(bin, admin) {
    return { done: 'delete', changed: await emptyBin(admin, bin) };
  },
});

export const replyAction = noticeAction({
  page: '/admin/comments',
  schema: replySchema,
  invalid: 'reply-invalid',
  refused: 'reply-invalid',
  async run(reply, admin) {
    await replyToComment(admin, reply, await requestMeta());
    return 'replied';
  },
});

export const editCommentAction = stateAction({
  access: 'admin',
  schema: editCommentSchema,
  failure: 'The comment could not be saved right now. Please try again.',
  async run({ returnTo, ...edit }, admin) {
    await editComment(admin, edit);
    return { redirectTo: withNotice('/admin/comments', returnTo, 'edited'), published: true };
  },
});

export type EditState = Awaited<ReturnType<typeof editCommentAction>>;

export const saveSettingsAction = stateAction({
  access: 'admin',
  schema: settingsSchema,
  failure: 'The settings could not be saved right now. Please try again.',
  async run(settings) {
    await saveSettings(settings);
    return { message: 'Settings saved.', published: true };
  },
});

export type SettingsState = Awaited<ReturnType<typeof saveSettingsAction>>;

export const setPostCommentsOpenAction = noticeAction({
  page: '/admin/posts',
  schema: postCommentsOpenSchema,
  invalid: 'invalid',
  refused: 'invalid',
  async run({ postId, open }, admin) {
    await setCommentsOpen(admin, postId, open);
    return open ? 'opened' : 'closed';
  },
});
