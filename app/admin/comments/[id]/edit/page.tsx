import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { safeReturnTo } from '@/lib/admin-notices';
import { requireAdminPage } from '@/server/auth/session';
import { getCommentForEdit } from '@/server/moderation/queries';
import { EditCommentForm } from './edit-form';

export const metadata: Metadata = { title: 'Edit comment' };

export default async function EditCommentPage({ params, searchParams }: PageProps<'/admin/comments/[id]/edit'>) {
  await requireAdminPage();
  const id = Number((await params).id);
  const comment = Number.isSafeInteger(id) && id > 0 ? await getCommentForEdit(id) : null;
  if (!comment) notFound();
  const returnTo = safeReturnTo('/admin/comments', (await searchParams).returnTo);
  return (
    <>
      <h1>Edit comment</h1>
      <p className="meta">On “{comment.post.title}”</p>
      <EditCommentForm comment={comment} returnTo={returnTo} />
    </>
  );
}
