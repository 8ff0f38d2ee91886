'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { ActionState } from '@/lib/action-state';
import { safeReturnTo, withNotice } from '@/lib/admin-notices';
import { editCommentSchema, emptyBinSchema, moderateManySchema, moderateOneSchema, postCommentsOpenSchema, replySchema, settingsSchema } from '@/lib/schemas/moderation';
import { requireAdmin } from '@/server/auth/session';
import { db } from '@/server/db';
import { PublicError } from '@/server/errors';
import { invalidatePublicPages } from '@/server/page-cache-link';
import { requestMeta } from '@/server/request-meta';
import { editComment, emptyBin, moderateMany, moderateOne, replyToComment } from './service';
import { saveSettings } from './settings';

// Every action: authorise → validate → write → refresh what readers and admins see → redirect (outside try).

/** Readers see the change on their next request; the admin's own view refreshes in place. */
function refreshViews() {
  invalidatePublicPages();
  revalidatePath('/', 'layout');
}

export async function moderateCommentAction(formData: FormData): Promise<void> {
  const admin = await requireAdmin();
  const returnTo = safeReturnTo(formData.get('returnTo'));
  const parsed = moderateOneSchema.safeParse({ action: formData.get('action'), id: formData.get('id'), version: formData.get('version') });
  if (!parsed.success) redirect(withNotice(returnTo, 'invalid'));
  let notice: string;
  try {
    await moderateOne(admin, parsed.data.action, parsed.data.id, parsed.data.version);
    notice = `done.${parsed.data.action}.1`;
  } catch (error) {
    notice = failureNotice(error);
  }
  refreshViews();
  redirect(withNotice(returnTo, notice));
}

export async function bulkModerateAction(formData: FormData): Promise<void> {
  const admin = await requireAdmin();
  const returnTo = safeReturnTo(formData.get('returnTo'));
  const parsed = moderateManySchema.safeParse({ action: formData.get('bulkAction'), ids: formData.getAll('ids') });
  if (!parsed.success) redirect(withNotice(returnTo, 'invalid'));
  let notice: string;
  try {
    const { changed, skipped } = await moderateMany(admin, parsed.data.action, parsed.data.ids);
    notice = `done.${parsed.data.action}.${changed.length}.${skipped}`;
  } catch (error) {
    notice = failureNotice(error);
  }
  refreshViews();
  redirect(withNotice(returnTo, notice));
}

export async function emptyBinAction(formData: FormData): Promise<void> {
  const admin = await requireAdmin();
  const returnTo = safeReturnTo(formData.get('returnTo'));
  const parsed = emptyBinSchema.safeParse({
    status: formData.get('status'),
    post: formData.get('post') || undefined,
    q: formData.get('q') || undefined,
    shownAt: formData.get('shownAt'),
  });
  if (!parsed.success) redirect(withNotice(returnTo, 'invalid'));
  let notice: string;
  try {
    notice = `done.delete.${await emptyBin(admin, parsed.data)}`;
  } catch (error) {
    notice = failureNotice(error);
  }
  refreshViews();
  redirect(withNotice(returnTo, notice));
}

export async function replyAction(formData: FormData): Promise<void> {
  const admin = await requireAdmin();
  const returnTo = safeReturnTo(formData.get('returnTo'));
  const parsed = replySchema.safeParse({ parentId: formData.get('parentId'), body: formData.get('body') });
  if (!parsed.success) redirect(withNotice(returnTo, 'reply-invalid'));
  let notice = 'replied';
  try {
    await replyToComment(admin, parsed.data, await requestMeta());
  } catch (error) {
    notice = error instanceof PublicError ? 'reply-invalid' : failureNotice(error);
  }
  refreshViews();
  redirect(withNotice(returnTo, notice));
}

export type EditState = ActionState<'body' | 'authorName' | 'authorEmail' | 'authorUrl'>;

export async function editCommentAction(_previous: EditState, formData: FormData): Promise<EditState> {
  const admin = await requireAdmin();
  const returnTo = safeReturnTo(formData.get('returnTo'));
  const fields = ['body', 'authorName', 'authorEmail', 'authorUrl'] as const;
  const values = Object.fromEntries(fields.map((f) => [f, String(formData.get(f) ?? '')]));
  const parsed = editCommentSchema.safeParse({ ...values, id: formData.get('id'), version: formData.get('version') });
  if (!parsed.success) {
    return { status: 'error', message: 'Please correct the fields marked below.', fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  }
  try {
    await editComment(admin, parsed.data);
  } catch (error) {
    if (error instanceof PublicError) return { status: 'error', message: error.message, values };
    console.error('editComment failed', error);
    return { status: 'error', message: 'The comment could not be saved right now. Please try again.', values };
  }
  refreshViews();
  redirect(withNotice(returnTo, 'edited'));
}

export type SettingsState = ActionState<keyof z.input<typeof settingsSchema>>;

export async function saveSettingsAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  await requireAdmin();
  const keys = Object.keys(settingsSchema.shape) as (keyof typeof settingsSchema.shape)[];
  const values = Object.fromEntries(keys.map((k) => [k, formData.get(k) ?? undefined])) as Record<string, string | undefined>;
  const parsed = settingsSchema.safeParse(values);
  if (!parsed.success) {
    return { status: 'error', message: 'Please correct the fields marked below.', fieldErrors: z.flattenError(parsed.error).fieldErrors, values: stringValues(values) };
  }
  try {
    await saveSettings(parsed.data);
  } catch (error) {
    console.error('saveSettings failed', error);
    return { status: 'error', message: 'The settings could not be saved right now. Please try again.', values: stringValues(values) };
  }
  refreshViews();
  return { status: 'success', message: 'Settings saved.' };
}

export async function setPostCommentsOpenAction(formData: FormData): Promise<void> {
  const admin = await requireAdmin();
  const parsed = postCommentsOpenSchema.safeParse({ postId: formData.get('postId'), open: formData.get('open') });
  if (!parsed.success) redirect('/admin/posts?notice=invalid');
  const { postId, open } = parsed.data;
  await db.$transaction([
    db.post.update({ where: { id: postId }, data: { commentsOpen: open } }),
    db.auditLog.create({ data: { adminId: admin.id, adminEmail: admin.email, action: open ? 'openComments' : 'closeComments', postId } }),
  ]);
  refreshViews();
  redirect('/admin/posts');
}

function failureNotice(error: unknown): string {
  if (error instanceof PublicError) return 'conflict';
  console.error('moderation action failed', error);
  return 'failed';
}

function stringValues(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v ?? '']));
}
