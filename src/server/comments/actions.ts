'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { ActionState } from '@/lib/action-state';
import { commentInputSchema, HONEYPOT_FIELD, readCommentForm, type CommentField } from '@/lib/schemas/comment';
import { PublicError, SAVE_FAILED_MESSAGE } from '@/server/errors';
import { invalidatePublicPages } from '@/server/page-cache-link';
import { requestMeta } from '@/server/request-meta';
import { createComment } from './service';
import { rememberPendingComment } from './visitor-cookie';

export type CommentFormState = ActionState<CommentField> & {
  /**
   * The token the form was sent with, handed back so a corrected or retried form keeps it: a fresh
   * one would restart the minimum fill time, and a quick retry would be filed as spam.
   */
  formToken?: string;
};

export async function postComment(_previous: CommentFormState, formData: FormData): Promise<CommentFormState> {
  // A public endpoint: a crafted call may send anything as arguments.
  if (!(formData instanceof FormData)) return { status: 'error', message: 'Please correct the fields marked below.' };
  const submitted = readCommentForm(formData);
  // The email is the one field never sent back, even to the person who typed it (it stays in their form with JavaScript).
  const { authorEmail: _email, ...values } = submitted;
  const formToken = String(formData.get('formToken') ?? '').slice(0, 200);
  const parsed = commentInputSchema.safeParse(submitted);
  if (!parsed.success) {
    return { status: 'error', message: 'Please correct the fields marked below.', fieldErrors: z.flattenError(parsed.error).fieldErrors, values, formToken };
  }

  let location: string;
  try {
    const proof = { token: formToken, honeypot: String(formData.get(HONEYPOT_FIELD) ?? '') };
    const comment = await createComment(parsed.data, await requestMeta(), proof);
    if (comment.status === 'PENDING') await rememberPendingComment(comment.id);
    if (comment.status === 'APPROVED') invalidatePublicPages();
    location = comment.location;
    // The new comment changes its article and the index's counts: without this the browser's router
    // keeps its copy of the page, and an approved comment would not show to its own author.
    revalidatePath(new URL(location, 'http://localhost').pathname);
    revalidatePath('/');
  } catch (error) {
    if (error instanceof PublicError) return { status: 'error', message: error.message, values, formToken };
    console.error('postComment failed', error);
    return { status: 'error', message: SAVE_FAILED_MESSAGE, values, formToken };
  }
  redirect(location);
}
