'use server';

import { commentFormSchema, HONEYPOT_FIELD } from '@/lib/schemas/comment';
import { stateAction } from '@/server/action';
import { SAVE_FAILED_MESSAGE } from '@/server/errors';
import { requestMeta } from '@/server/request-meta';
import { createComment } from './service';
import { rememberPendingComment } from './visitor-cookie';

export const postComment = stateAction({
  access: 'public',
  schema: commentFormSchema,
  // Never sent back, even to the person who typed it (it stays in their form with JavaScript). The
  // form token is sent back, so a corrected or retried form keeps its fill time.
  secret: ['authorEmail', HONEYPOT_FIELD],
  failure: SAVE_FAILED_MESSAGE,
  async run({ formToken, [HONEYPOT_FIELD]: honeypot, ...comment }) {
    const created = await createComment(comment, await requestMeta(), { token: formToken, honeypot });
    if (created.status === 'PENDING') await rememberPendingComment(created.id);
    return { redirectTo: created.location, published: created.status === 'APPROVED' };
  },
});

export type CommentFormState = Awaited<ReturnType<typeof postComment>>;
